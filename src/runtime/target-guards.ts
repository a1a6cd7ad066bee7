/**
 * Guards for what a target can do to the thread that runs it: leave it (`process.exit`), hand
 * back a Promise, or reject a promise nobody awaits. Each becomes something the campaign reports
 * rather than the end of the worker, and with it of the search and its unsaved findings.
 */

/** The name of the error `process.exit` throws while a target runs: error groups start with it. */
export const TARGET_EXIT = 'TargetExit';

/** Error groups of promises the target rejected and left unhandled start with this. */
export const UNHANDLED_REJECTION = 'UnhandledRejection';

export const PROMISE_REFUSED =
  'fn returned a Promise: Wedge measures synchronous work; await nothing inside fn, or call the synchronous part of the code in fn ' +
  '(the work a Promise defers runs after fn returns, where it is neither counted nor timed)';

/**
 * Replaces `process.exit` of this thread with a function that throws: the target's call to it
 * ends that execution like any error (grouped, kept as a finding), not the worker.
 */
export function guardProcessExit(): void {
  const exit = (code?: number | string | null): never => {
    const e = new Error(`process.exit(${code ?? ''}) called by the target`);
    e.name = TARGET_EXIT;
    throw e;
  };
  process.exit = exit as typeof process.exit;
}

/**
 * Counts promises the target rejected and nobody handled (they would end the worker thread),
 * one group per message; `onFirst` hears of each group once.
 */
export function countUnhandledRejections(onFirst: (key: string) => void): Record<string, number> {
  const groups: Record<string, number> = {};
  process.on('unhandledRejection', (reason: unknown) => {
    const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    const key = `${UNHANDLED_REJECTION}: ${message}`;
    groups[key] = (groups[key] ?? 0) + 1;
    if (groups[key] === 1) onFirst(key);
  });
  return groups;
}

/** Whether a value is a Promise or any thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
