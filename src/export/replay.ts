import type { TimingOptions } from '../measure/protocol.js';
import { MeasureSession } from '../measure/session.js';
import { median } from '../core/stats.js';
import { resolveTarget, type TargetRef } from '../target/load.js';

/**
 * Timing of a replay: a few short runs, enough for a median that a generous factor can be
 * applied to; not the long isolated measurement of `wedge verify`.
 */
export const REPLAY_TIMING: TimingOptions = { minRuns: 7, minTotalMs: 150, warmupMs: 50, runMs: 2 };

export interface ReplayWork {
  /** Probe hits of one run: deterministic, the same on every machine. */
  work: number;
  /** The error the target threw, if it did (work then counts up to the throw). */
  error?: string;
}

export interface ReplayTime {
  medianMs: number;
  runs: number;
}

/** A target file, a file URL (e.g. `new URL('./x.target.ts', import.meta.url)`) or a loaded target. */
export type { TargetRef };

/**
 * Replays inputs through one instrumented copy of a target, held by a fresh Node process
 * (the measurement process `wedge verify` uses) so the caller's own modules stay untouched.
 * The process starts on first use; `close()` ends it.
 */
export class Replay {
  private session?: Promise<MeasureSession>;

  constructor(private readonly ref: TargetRef) {}

  /** Starts the process now (e.g. in a test's `before` hook, so no test pays for it). */
  async start(): Promise<void> {
    await this.open();
  }

  /** Work of each input, in order; a throwing input reports its error instead of failing all. */
  async works(inputs: unknown[]): Promise<ReplayWork[]> {
    const s = await this.open();
    const results = await s.work(inputs);
    return results.map((r) => (r.error === undefined ? { work: r.work } : { work: r.work, error: r.error }));
  }

  /** Work of one input; rejects when the target throws on it. */
  async work(input: unknown): Promise<number> {
    const [r] = await this.works([input]);
    if (r!.error !== undefined) throw new Error(`the target threw on this input: ${r!.error.split('\n')[0]}`);
    return r!.work;
  }

  /** Median wall time per call of one input over a few warmed-up runs. */
  async time(input: unknown, options: TimingOptions = REPLAY_TIMING): Promise<ReplayTime> {
    const s = await this.open();
    const [t] = await s.time([input], options);
    return { medianMs: median(t!.runsMs), runs: t!.runsMs.length };
  }

  async close(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    if (!s) return;
    try {
      (await s).close();
    } catch {
      // It never started: nothing to end, and the start error was reported to its caller.
    }
  }

  private open(): Promise<MeasureSession> {
    this.session ??= (async () => MeasureSession.start(await resolveTarget(this.ref)))();
    return this.session;
  }
}

/** A replayer for a target; the process starts on first use. */
export function openReplay(target: TargetRef): Replay {
  return new Replay(target);
}

/** Work of one input, in a process started and ended for it. */
export async function measureWork(target: TargetRef, input: unknown): Promise<number> {
  const r = openReplay(target);
  try {
    return await r.work(input);
  } finally {
    await r.close();
  }
}
