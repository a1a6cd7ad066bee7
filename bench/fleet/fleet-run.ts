import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { startFleet } from '../../src/fleet/start.js';
import { targetKeys } from '../../src/fleet/keys.js';
import type { SliceResult } from '../../src/fleet/job.js';
import { SharedCorpus } from '../../src/fleet/shared-corpus.js';

export interface FleetRun {
  processes: number;
  /** Search-loop executions per second, summed over the processes' jobs. */
  execsPerSec: number;
  bestWork: number;
  /** Seconds from enqueueing until an input of at least `goal` work was announced (null: never). */
  tGoal: number | null;
}

/**
 * `processes` worker processes (one thread each, a folder each, as separate machines), started
 * and idle before one job per process is enqueued; each job searches `timeMs`. Times count from
 * the enqueueing, so loading the target is in both sides of any comparison alike.
 */
export async function fleetRun(url: string, redis: Redis, ref: string, id: string, processes: number, timeMs: number, seed: number, goal: number): Promise<FleetRun> {
  await redis.flushall();
  const wedge = path.resolve('bin/wedge.mjs');
  const workers = Array.from({ length: processes }, () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-bench-fleet-'));
    const child = spawn('node', [wedge, 'fleet', 'worker', '--redis', url, '--workers', '1', '--until-idle'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const ready = new Promise<void>((resolve) => child.stderr!.on('data', (d: Buffer) => (err += d.toString()).includes('waiting for jobs') && resolve()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    return { ready, exited, err: () => err };
  });
  await Promise.all(workers.map((w) => w.ready));
  const t0 = Date.now();
  await startFleet({ url, refs: [ref], timeMs: processes * timeMs, sliceMs: timeMs, mode: 'wedge', seed });
  const codes = await Promise.all(workers.map((w) => w.exited));
  if (codes.some((c) => c !== 0)) throw new Error(`a fleet worker failed:\n${workers.map((w) => w.err()).join('\n')}`);
  const runs = (await redis.hvals(targetKeys(id).runs)).map((r) => JSON.parse(r) as SliceResult);
  const announcements = await new SharedCorpus(redis, id).announcements();
  // A stream id starts with the milliseconds at which Redis added it.
  const hit = announcements.find((a) => a.work >= goal);
  return {
    processes,
    execsPerSec: runs.reduce((a, r) => a + r.searchExecsPerSec, 0),
    bestWork: Math.max(-1, ...announcements.map((a) => a.work)),
    tGoal: hit ? (Number(hit.id.split('-')[0]) - t0) / 1000 : null,
  };
}
