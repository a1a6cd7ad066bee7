import { Worker } from 'node:worker_threads';
import type { ExecReport, WorkerJob, WorkerMessage } from './protocol.js';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

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
    stdout: false,
    stderr: false,
    // Old generation only: capping the young generation too made two workers slower than one.
    resourceLimits: memoryMb ? { maxOldGenerationSizeMb: memoryMb } : undefined,
  });
  worker.on('message', onMessage);
  const exited = new Promise<number>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', resolve);
  });
  return { worker, exited };
}

/** Runs inputs through the instrumented target in a fresh worker; returns one report per input. */
export async function execInputs(job: Omit<Extract<WorkerJob, { kind: 'exec' }>, 'kind'>): Promise<ExecReport[]> {
  let reports: ExecReport[] | undefined;
  let failure: string | undefined;
  const { worker, exited } = startWorker({ kind: 'exec', ...job }, (m) => {
    if (m.type === 'exec-done') {
      reports = m.reports;
      void worker.terminate();
    } else if (m.type === 'error') {
      failure = m.message;
      void worker.terminate();
    }
  });
  await exited;
  if (failure !== undefined) throw new Error(failure);
  if (!reports) throw new Error('the worker ended without a result');
  return reports;
}
