import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { QUEUE_NAME } from './keys.js';
import { bullConnection, bullmq } from './queue.js';
import { describeRedis, openRedis } from './connect.js';
import { hostName } from './entry.js';
import { runSlice, type SliceJob, type SliceResult } from './job.js';
import { targetKeys } from './keys.js';

export interface FleetWorkerOptions {
  url: string;
  root: string;
  /** Worker threads per campaign. */
  workers: number;
  execTimeoutMs: number;
  memoryMb: number;
  offlineLimitMs: number;
  /**
   * How long a job's lock lasts without renewal, and how often this host looks for jobs whose
   * lock expired (their host died): together they bound how soon a dead host's job runs again.
   */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Ends the worker: it finishes (and announces) the running job's inputs, then returns. */
  stop: Promise<void>;
  /** Return once no job is waiting or running anywhere (CI, benchmarks). */
  untilIdle: boolean;
  log: (line: string) => void;
  warn: (message: string) => void;
}

/**
 * Takes slice jobs from the queue, one at a time, and runs each as an ordinary campaign. A job
 * whose host dies is moved back to the queue by BullMQ's stalled-job check (on any live host)
 * once its lock expires, and runs again elsewhere from the shared corpus.
 */
export async function runFleetWorker(o: FleetWorkerOptions): Promise<number> {
  const where = describeRedis(o.url);
  const host = hostName(hostname(), process.pid);
  const redis = await openRedis(o.url, 'commands');
  const reader = await openRedis(o.url, 'commands');
  const { Queue, Worker } = await bullmq();
  let done = 0;
  let busy = false;
  let idleTimer: NodeJS.Timeout | undefined;
  const stop = new Promise<void>((resolve) => {
    void o.stop.then(resolve);
    if (o.untilIdle) idleTimer = setInterval(() => void idle().then((yes) => yes && resolve()), 1000);
  });
  const queue = o.untilIdle ? new Queue(QUEUE_NAME, { connection: bullConnection(o.url) }) : undefined;
  /** No job waiting, delayed or running anywhere, and none here. */
  const idle = async (): Promise<boolean> => {
    if (busy || !queue) return false;
    try {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      return Object.values(counts).every((n) => n === 0);
    } catch {
      return false;
    }
  };
  const worker = new Worker<SliceJob, SliceResult>(
    QUEUE_NAME,
    async (job: Job<SliceJob, SliceResult>) => {
      busy = true;
      const id = job.id ?? '?';
      o.log(`${host}: job ${id}: ${job.data.id}, slice ${job.data.slice}/${job.data.slices}${job.attemptsStarted > 1 ? ` (run ${job.attemptsStarted}: its earlier host stopped)` : ''}`);
      try {
        const result = await runSlice(job.data, { jobId: id, redis, reader, where, host, root: o.root, workers: o.workers, execTimeoutMs: o.execTimeoutMs, memoryMb: o.memoryMb, offlineLimitMs: o.offlineLimitMs, warn: o.warn, stop });
        await redis.hset(targetKeys(job.data.id).runs, id, JSON.stringify(result));
        o.log(`${host}: job ${id} done: ${result.execs} execs, best work ${result.bestWork}, ${result.announced} inputs announced, ${result.imported} imported`);
        done++;
        return result;
      } finally {
        busy = false;
      }
    },
    {
      connection: bullConnection(o.url),
      concurrency: 1,
      lockDuration: o.lockDurationMs,
      stalledInterval: o.stalledIntervalMs,
      // A target that kills hosts must not circle the fleet forever.
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, e) => o.warn(`job ${job?.id ?? '?'} (${job?.data.id ?? '?'}) failed: ${describeRedis(e.message)}`));
  worker.on('error', (e) => o.warn(`queue: ${describeRedis(e.message)}`));
  o.log(`${host}: waiting for jobs on ${where} (Ctrl-C to stop after the running job)`);
  await stop;
  clearInterval(idleTimer);
  // close() waits for the running job, which stops early and announces what it kept.
  await worker.close();
  await queue?.close();
  redis.disconnect();
  reader.disconnect();
  return done;
}
