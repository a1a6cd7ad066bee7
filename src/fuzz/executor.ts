import { performance } from 'node:perf_hooks';
import type { ProbeRegistry } from '../instrument/registry.js';
import { cloneInput } from '../runtime/clone.js';
import { isThenable, PROMISE_REFUSED } from '../runtime/target-guards.js';

export interface Execution {
  /** Wall time of the call in milliseconds. */
  timeMs: number;
  /** The error the target threw, if it did. */
  error?: unknown;
  /** What the target returned. */
  result?: unknown;
}

/** Runs the instrumented target on one input with fresh counters; the counters stay readable. */
export class Executor {
  constructor(
    private readonly fn: (input: unknown) => unknown,
    readonly registry: ProbeRegistry,
    /** The target's size measure, for constraints that read `$size`. */
    private readonly size?: (input: unknown) => number,
  ) {}

  run(input: unknown): Execution {
    this.registry.reset();
    if (this.size && this.registry.wantsSize) this.registry.setInputSize(this.size(input));
    const arg = cloneInput(input);
    const t0 = performance.now();
    let result: unknown;
    try {
      result = this.fn(arg);
    } catch (error) {
      return { timeMs: performance.now() - t0, error };
    }
    if (isThenable(result)) {
      // Refused, not counted as an error: every execution would return at once with work 0.
      Promise.resolve(result).catch(() => {});
      throw new Error(PROMISE_REFUSED);
    }
    return { timeMs: performance.now() - t0, result };
  }
}
