import { Worker } from 'node:worker_threads';
import { createWatchBuffer, watchedStart } from './exec-watch.js';
import type { ExecReport, WorkerJob, WorkerMessage } from './protocol.js';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/**
 * What targets print (console.log in a worker) goes to stderr, never to the CLI's stdout, which
 * carries the summary or the JSON a caller parses; and only so much of it, since a target that
 * logs on every execution would print thousands of lines a second.
 */
export const TARGET_OUTPUT_MAX_BYTES = 64 * 1024;
let targetOutput = 0;

function forwardTargetOutput(chunk: Buffer): void {
  if (targetOutput >= TARGET_OUTPUT_MAX_BYTES) return;
  const room = TARGET_OUTPUT_MAX_BYTES - targetOutput;
  targetOutput += chunk.length;
  process.stderr.write(chunk.length <= room ? chunk : chunk.subarray(0, room));
  if (targetOutput >= TARGET_OUTPUT_MAX_BYTES) process.stderr.write(`\n(the target's output past ${TARGET_OUTPUT_MAX_BYTES / 1024} KB is left out)\n`);
}

/**
 * Starts a worker thread on a job; messages arrive through `onMessage`. `exited` resolves with
 * the exit code, or rejects with the error that killed the worker (e.g. out of memory).
 */
export function startWorker(
  job: WorkerJob,
  onMessage: (m: WorkerMessage) => void,
  memoryMb?: number,
): { worker: Worker; exited: Promise<number> } {
  const worker = new Worker(ENTRY, {
    workerData: job,
    stdout: true,
    stderr: false,
    // Old generation only: capping the young generation too made two workers slower than one.
    resourceLimits: memoryMb ? { maxOldGenerationSizeMb: memoryMb } : undefined,
  });
  worker.stdout.on('data', forwardTargetOutput);
  worker.on('message', onMessage);
  const exited = new Promise<number>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', resolve);
  });
  return { worker, exited };
}

/**
 * Runs inputs through the instrumented target in a fresh worker; returns one report per input.
 * With `timeoutMs`, one execution running longer ends the worker and the call fails.
 */
export async function execInputs(job: Omit<Extract<WorkerJob, { kind: 'exec' }>, 'kind' | 'watch'>, timeoutMs?: number): Promise<ExecReport[]> {
  let reports: ExecReport[] | undefined;
  let failure: string | undefined;
  const watch = timeoutMs === undefined ? undefined : createWatchBuffer();
  const { worker, exited } = startWorker({ kind: 'exec', ...job, ...(watch ? { watch } : {}) }, (m) => {
    if (m.type === 'exec-done') {
      reports = m.reports;
      void worker.terminate();
    } else if (m.type === 'error') {
      failure = m.message;
      void worker.terminate();
    }
  });
  const timer =
    watch &&
    setInterval(() => {
      const started = watchedStart(watch);
      if (started !== 0 && Date.now() - started > timeoutMs!) {
        failure ??= `one execution ran longer than ${timeoutMs} ms (the exec timeout): the input hangs, or needs a longer --exec-timeout`;
        void worker.terminate();
      }
    }, 20);
  try {
    await exited;
  } finally {
    if (timer) clearInterval(timer);
  }
  if (failure !== undefined) throw new Error(failure);
  if (!reports) throw new Error('the worker ended without a result');
  return reports;
}
