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
  /**
   * The same from when the first job's search began (its end less the slice): loading the target,
   * which on a loaded machine takes longer with more processes starting at once, left out.
   */
  tGoalSearch: number | null;
}

/**
 * One job per process is enqueued, then `processes` worker processes start (one thread each, a
 * folder each, as separate machines); each job searches `timeMs`. Times count from the
 * enqueueing, so starting the processes and loading the target are in both sides alike.
 */
export async function fleetRun(url: string, redis: Redis, ref: string, id: string, processes: number, timeMs: number, seed: number, goal: number): Promise<FleetRun> {
  await redis.flushall();
  const wedge = path.resolve('bin/wedge.mjs');
  const t0 = Date.now();
  // Jobs first: a worker with --until-idle that found the queue empty would return at once.
  await startFleet({ url, refs: [ref], timeMs: processes * timeMs, sliceMs: timeMs, mode: 'wedge', seed });
  const workers = Array.from({ length: processes }, () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-bench-fleet-'));
    const child = spawn('node', [wedge, 'fleet', 'worker', '--redis', url, '--workers', '1', '--until-idle'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    return { exited, err: () => err };
  });
  const codes = await Promise.all(workers.map((w) => w.exited));
  if (codes.some((c) => c !== 0)) throw new Error(`a fleet worker failed:\n${workers.map((w) => w.err()).join('\n')}`);
  const runs = (await redis.hvals(targetKeys(id).runs)).map((r) => JSON.parse(r) as SliceResult);
  if (runs.length !== processes) throw new Error(`${processes} jobs enqueued, ${runs.length} finished:\n${workers.map((w) => w.err()).join('\n')}`);
  const announcements = await new SharedCorpus(redis, id).announcements();
  // A stream id starts with the milliseconds at which Redis added it.
  const at = (id: string) => Number(id.split('-')[0]);
  const hit = announcements.find((a) => a.work >= goal);
  return {
    processes,
    execsPerSec: runs.reduce((a, r) => a + r.searchExecsPerSec, 0),
    bestWork: Math.max(-1, ...announcements.map((a) => a.work)),
    tGoal: hit ? (at(hit.id) - t0) / 1000 : null,
    tGoalSearch: hit ? Math.max(0, at(hit.id) - Math.min(...runs.map((r) => r.finishedAt - timeMs))) / 1000 : null,
  };
}
