/**
 * What a worker is running, visible to the main thread even when the worker is stuck in a
 * synchronous loop: the start time of the current execution sits in shared memory, and the input
 * itself in a global the main thread reads through the inspector (see worker-inspector.ts)
 * only when an execution runs long. Per execution this costs two stores, not a serialization.
 */
export const CURRENT_INPUT_GLOBAL = '__wedge_current_input';

export function createWatchBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(8);
}

/** Worker side. */
export class ExecWatch {
  private readonly startedAt: Float64Array;
  private readonly global = globalThis as unknown as Record<string, unknown>;

  constructor(buffer: SharedArrayBuffer) {
    this.startedAt = new Float64Array(buffer, 0, 1);
  }

  begin(input: unknown): void {
    this.global[CURRENT_INPUT_GLOBAL] = input;
    this.startedAt[0] = Date.now();
  }

  end(): void {
    this.startedAt[0] = 0;
  }
}

/** Main side: when the worker's current execution started (0: none is running). */
export function watchedStart(buffer: SharedArrayBuffer): number {
  return new Float64Array(buffer, 0, 1)[0]!;
}
