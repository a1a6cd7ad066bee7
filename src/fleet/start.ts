import { randomInt } from 'node:crypto';
import type { SearchMode } from '../fuzz/engine-types.js';
import { loadTarget } from '../target/load.js';
import { QUEUE_NAME, TARGETS_KEY } from './keys.js';
import { bullConnection, bullmq } from './queue.js';
import { openRedis } from './connect.js';
import type { SliceJob } from './job.js';

export interface StartOptions {
  url: string;
  refs: string[];
  timeMs: number;
  sliceMs: number;
  mode: SearchMode;
  /** First seed; slice i searches with seed + i. Random when absent. */
  seed?: number;
}

export interface Started {
  target: string;
  jobs: string[];
}

/**
 * Enqueues each target's campaign as slices of its time budget, each its own job with its own
 * seed, so any number of hosts share a target and a dead host costs one slice at most. Targets
 * are loaded here first: a mistake in one is reported before anything is queued.
 */
export async function startFleet(o: StartOptions): Promise<Started[]> {
  const targets = [];
  for (const ref of o.refs) targets.push({ ref, target: await loadTarget(ref) });
  const slices = Math.max(1, Math.ceil(o.timeMs / o.sliceMs));
  const seed = o.seed ?? randomInt(1, 1_000_000);
  const { Queue } = await bullmq();
  const queue = new Queue<SliceJob>(QUEUE_NAME, { connection: bullConnection(o.url) });
  const redis = await openRedis(o.url, 'commands');
  try {
    const out: Started[] = [];
    for (const { ref, target } of targets) {
      await redis.hset(TARGETS_KEY, target.id, ref);
      const jobs = Array.from({ length: slices }, (_, i) => {
        const sliceMs = Math.min(o.sliceMs, o.timeMs - i * o.sliceMs);
        const data: SliceJob = { ref, id: target.id, sliceMs, seed: seed + i, mode: o.mode, slice: i + 1, slices };
        // Completed jobs are kept (bounded) for `fleet status`; failed ones keep their reason.
        return { name: target.id, data, opts: { removeOnComplete: { count: 10_000 }, removeOnFail: { count: 10_000 } } };
      });
      const added = await queue.addBulk(jobs);
      out.push({ target: target.id, jobs: added.map((j) => j.id ?? '?') });
    }
    return out;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
