import type { Redis } from 'ioredis';
import { QUEUE_NAME, TARGETS_KEY, targetKeys } from './keys.js';
import { bullConnection, bullmq } from './queue.js';
import { openRedis } from './connect.js';
import { readHostStatus, type HostStatus } from './host-status.js';
import { SharedCorpus } from './shared-corpus.js';

export interface TargetStatus {
  target: string;
  hosts: HostStatus[];
  execsPerSec: number;
  corpus: number;
  bestWork: number;
  bestTimeMs: number;
  hangs: number;
  ooms: number;
  /** Ms since the last input was announced; null before the first. */
  sinceLastFindMs: number | null;
  /** Slices finished (their runs), with their executions summed. */
  slicesDone: number;
  execs: number;
}

export interface FleetStatus {
  jobs: Record<string, number>;
  targets: TargetStatus[];
}

/** Per target: hosts searching now (fresh status), corpus, bests, faults, finished slices. */
export async function fleetStatus(url: string, only?: string[], now = Date.now()): Promise<FleetStatus> {
  const redis = await openRedis(url, 'commands');
  const { Queue } = await bullmq();
  const queue = new Queue(QUEUE_NAME, { connection: bullConnection(url) });
  try {
    const ids = only?.length ? only : (await redis.hkeys(TARGETS_KEY)).sort();
    const targets: TargetStatus[] = [];
    for (const id of ids) targets.push(await targetStatus(redis, id, now));
    const jobs = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    return { jobs, targets };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

async function targetStatus(redis: Redis, id: string, now: number): Promise<TargetStatus> {
  const shared = new SharedCorpus(redis, id);
  const hosts = await readHostStatus(redis, id, now);
  const best = await shared.best();
  let hangs = 0;
  let ooms = 0;
  for (const text of await shared.findings()) {
    const kind = (JSON.parse(text) as { kind?: string }).kind;
    if (kind === 'hang') hangs++;
    else if (kind === 'oom') ooms++;
  }
  const runs = (await redis.hvals(targetKeys(id).runs)).map((t) => JSON.parse(t) as { execs: number });
  return {
    target: id,
    hosts,
    execsPerSec: hosts.reduce((a, h) => a + h.execsPerSec, 0),
    corpus: await shared.size(),
    bestWork: best.work,
    bestTimeMs: best.timeMs,
    hangs,
    ooms,
    sinceLastFindMs: best.lastFindAt > 0 ? Math.max(0, now - best.lastFindAt) : null,
    slicesDone: runs.length,
    execs: runs.reduce((a, r) => a + r.execs, 0) + hosts.reduce((a, h) => a + h.execs, 0),
  };
}
