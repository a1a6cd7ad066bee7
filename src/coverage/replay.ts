import { Worker } from 'node:worker_threads';
import libCoverage, { type CoverageMap } from 'istanbul-lib-coverage';
import type { CoverageJob, CoverageMessage } from './protocol.js';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);
/** What the target prints goes to stderr, and only so much of it. */
const OUTPUT_MAX_BYTES = 64 * 1024;

export interface ReplayJob {
  targetFile: string;
  globs: string[];
  baseDir: string;
  inputs: unknown[];
}

/** An input that ended its worker: it ran past the timeout, or exhausted memory, or exited. */
export interface Stopped {
  index: number;
  reason: string;
}

export interface ReplayResult {
  coverage: CoverageMap;
  /** Inputs that ran to their end (returning or throwing). */
  ran: number;
  /** Thrown errors by first line, with how many inputs threw each. */
  errors: Record<string, number>;
  stopped: Stopped[];
}

/** How one worker ended: all done, or stopped at an input (index -1: before any). */
type Ending = { done: true } | { done: false; index: number; reason: string; fatal?: boolean };

/**
 * Replays every input through the target instrumented for coverage. One worker runs them in
 * turn; an input running past `timeoutMs` (or ending the worker) is left out, and a new worker
 * resumes after the last coverage snapshot, so only that input's coverage is lost.
 */
export async function replayForCoverage(job: ReplayJob, timeoutMs: number, memoryMb = 2048): Promise<ReplayResult> {
  const coverage = libCoverage.createCoverageMap({});
  const errors: Record<string, number> = {};
  const stopped: Stopped[] = [];
  let ran = 0;
  let from = 0;
  let output = 0;
  while (from < job.inputs.length) {
    const watch = new SharedArrayBuffer(16);
    const view = new Float64Array(watch);
    view[0] = -1;
    const full: CoverageJob = { ...job, from, skip: stopped.map((s) => s.index), watch };
    let last: Extract<CoverageMessage, { type: 'snapshot' }> | undefined;
    const worker = new Worker(ENTRY, { workerData: full, stdout: true, stderr: false, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    worker.stdout.on('data', (chunk: Buffer) => {
      if (output < OUTPUT_MAX_BYTES) process.stderr.write(chunk.subarray(0, OUTPUT_MAX_BYTES - output));
      output += chunk.length;
    });
    const ending = await new Promise<Ending>((resolve) => {
      let end: Ending | undefined;
      const stopAt = (reason: string, fatal = false) => {
        end ??= { done: false, index: view[0]!, reason, fatal };
        void worker.terminate();
      };
      const timer = setInterval(() => {
        const started = view[1]!;
        if (started !== 0 && Date.now() - started > timeoutMs) stopAt(`ran longer than ${timeoutMs} ms (the exec timeout)`);
      }, 20);
      worker.on('message', (m: CoverageMessage) => {
        if (m.type === 'snapshot') last = m;
        else if (m.type === 'done') end ??= { done: true };
        else stopAt(m.message, true);
      });
      worker.on('error', (e) => stopAt(e.message));
      worker.on('exit', (code) => {
        clearInterval(timer);
        resolve(end ?? { done: false, index: view[0]!, reason: `the worker exited (code ${code}): the target called process.exit or crashed` });
      });
    });
    if (last) {
      coverage.merge(last.coverage);
      ran += last.ran;
      for (const [k, n] of Object.entries(last.errors)) errors[k] = (errors[k] ?? 0) + n;
    }
    if (ending.done) break;
    if (ending.fatal || ending.index < 0) throw new Error(`cannot replay the corpus: ${ending.reason}`);
    stopped.push({ index: ending.index, reason: ending.reason });
    from = last ? last.next : from;
  }
  return { coverage, ran, errors, stopped };
}
