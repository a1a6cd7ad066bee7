// Replays inputs through the target instrumented for istanbul coverage, on a worker thread the
// main thread terminates when one input runs too long.
import { parentPort, workerData } from 'node:worker_threads';
import type { CoverageMapData } from 'istanbul-lib-coverage';
import { loadTarget } from '../target/load.js';
import { installCoverageHooks } from './hook.js';
import { COVERAGE_VARIABLE } from './transform.js';
import type { CoverageJob, CoverageMessage } from './protocol.js';

/** Snapshots are cloned across threads: often enough that a hang loses little, not after every input. */
const SNAPSHOT_EVERY_MS = 250;

const job = workerData as CoverageJob;
const post = (m: CoverageMessage) => parentPort!.postMessage(m);
const watch = new Float64Array(job.watch);
const errors: Record<string, number> = {};
let ran = 0;

const count = (e: unknown) => {
  const key = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : `thrown: ${String(e).split('\n')[0]}`;
  errors[key] = (errors[key] ?? 0) + 1;
};
// A promise the target rejects and leaves is one more error, not the end of the replay.
process.on('unhandledRejection', count);

const coverage = () => ((globalThis as Record<string, unknown>)[COVERAGE_VARIABLE] ?? {}) as CoverageMapData;
const snapshot = (next: number) => post({ type: 'snapshot', next, coverage: coverage(), errors, ran });

installCoverageHooks(job.globs, job.baseDir);
let fn: ((input: unknown) => unknown) | undefined;
try {
  fn = (await loadTarget(job.targetFile)).fn;
} catch (e) {
  post({ type: 'fatal', message: (e as Error).message });
}
if (fn) {
  const skip = new Set(job.skip);
  let last = Date.now();
  for (let i = job.from; i < job.inputs.length; i++) {
    if (skip.has(i)) continue;
    watch[0] = i;
    watch[1] = Date.now();
    try {
      const out = fn(job.inputs[i]);
      // Errors of a returned promise are errors of the input too; its work is not awaited.
      if (out instanceof Promise) out.catch(count);
    } catch (e) {
      count(e);
    }
    watch[1] = 0;
    ran++;
    if (Date.now() - last >= SNAPSHOT_EVERY_MS) {
      snapshot(i + 1);
      last = Date.now();
    }
  }
  snapshot(job.inputs.length);
  post({ type: 'done' });
}
