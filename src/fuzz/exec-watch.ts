/**
 * What a worker is running, visible to the main thread even when the worker is stuck in a
 * synchronous loop: the start time of the current execution sits in shared memory, and the input
 * itself in a global the main thread reads through the inspector (see worker-inspector.ts)
 * only when an execution runs long. Per execution this costs two stores, not a serialization.
 * The number of calls of the target sits there too: a worker that hangs or runs out of memory
 * sends no more messages, and its executions must still count.
 */
export const CURRENT_INPUT_GLOBAL = '__wedge_current_input';

const STARTED = 0;
const CALLS = 1;

export function createWatchBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(16);
}

/** Worker side. */
export class ExecWatch {
  private readonly words: Float64Array;
  private readonly global = globalThis as unknown as Record<string, unknown>;
  private nextTick = 0;

  /** `tick` runs after an execution at most every `everyMs` (for status while seeds run). */
  constructor(
    buffer: SharedArrayBuffer,
    private readonly tick?: { everyMs: number; run: () => void },
  ) {
    this.words = new Float64Array(buffer, 0, 2);
  }

  begin(input: unknown): void {
    this.global[CURRENT_INPUT_GLOBAL] = input;
    this.words[STARTED] = Date.now();
  }

  end(): void {
    const started = this.words[STARTED]!;
    this.words[STARTED] = 0;
    if (this.tick && started >= this.nextTick) {
      this.nextTick = started + this.tick.everyMs;
      this.tick.run();
    }
  }

  /** `fn`, counting its calls where the main thread can read them. */
  counted<A, R>(fn: (a: A) => R): (a: A) => R {
    const words = this.words;
    return (a) => {
      words[CALLS] = words[CALLS]! + 1;
      return fn(a);
    };
  }
}

/** Main side: when the worker's current execution started (0: none is running). */
export function watchedStart(buffer: SharedArrayBuffer): number {
  return new Float64Array(buffer, 0, 2)[STARTED]!;
}

/** Main side: calls of the target so far, the one running now included. */
export function watchedCalls(buffer: SharedArrayBuffer): number {
  return new Float64Array(buffer, 0, 2)[CALLS]!;
}
