import { OPTIONS } from '../core/options.js';
import type { MeasureProgress, TimingOptions } from './protocol.js';

/** Runs `calls` calls of one input and returns their total wall time in ms. */
export type Batch = (calls: number) => number;

export interface RepeatedTiming {
  runsMs: number[];
  callsPerRun: number;
  totalMs: number;
}

/** Fast calls are batched up to this many per run: past it the clock is precise enough, and each call needs its own copy of the input in memory. */
const MAX_CALLS_PER_RUN = 100_000;

export const DEFAULT_TIMING: TimingOptions = {
  minRuns: OPTIONS.minRuns.default,
  minTotalMs: OPTIONS.minTime.default,
  warmupMs: OPTIONS.warmup.default,
  runMs: OPTIONS.runTime.default,
};

/**
 * What verification spends before it can time anything, whatever its time: starting its
 * measurement process (loading the instrumented target) and drawing the random baseline inputs,
 * about 4.5 s on a quiet machine of two cores, more when it is loaded.
 */
export const VERIFY_OVERHEAD_MS = 5000;
/**
 * The share of verification's time kept, after the timing step, for minimizing the slowest
 * findings and measuring growth (in the same process); they share whatever is left when timing
 * ends (see refineFindings in refine.ts), so an overrun before it is taken from them.
 */
export const REFINE_SHARE = 0.25;
/** The least an input is given, warm-up included, however short the time: enough for ten runs of a fast call. */
export const MIN_INPUT_MS = 60;

/**
 * Warm-up no longer than a fifth of the measured time (at least 10 ms): 200 ms of warm-up
 * before 20 ms of measuring would spend most of a short verification warming up.
 */
export function scaledWarmup(t: TimingOptions): TimingOptions {
  const warmupMs = Math.min(t.warmupMs, Math.max(10, Math.round(t.minTotalMs / 5)));
  return warmupMs === t.warmupMs ? t : { ...t, warmupMs };
}

/**
 * Timing that fits `inputs` inputs into a verification of about `budgetMs`: what is left after
 * the fixed costs (VERIFY_OVERHEAD_MS) and the share kept for minimization and growth
 * (`refineShare` of `budgetMs`, REFINE_SHARE unless neither runs), shared equally; a sixth of
 * each share for warming up (10 ms to `base.warmupMs`) and the rest measured. Never more than
 * `base` asks for, never under MIN_INPUT_MS an input. The run count stays `base.minRuns`, so a
 * call slower than its share takes longer.
 */
export function fitTiming(budgetMs: number, inputs: number, base: TimingOptions = DEFAULT_TIMING, refineShare = REFINE_SHARE): TimingOptions {
  const most = base.warmupMs + base.minTotalMs;
  const share = Math.min(most, Math.max(MIN_INPUT_MS, ((1 - refineShare) * budgetMs - VERIFY_OVERHEAD_MS) / Math.max(1, inputs)));
  if (share >= most) return base;
  const warmupMs = Math.round(Math.min(base.warmupMs, Math.max(10, share / 6)));
  return { ...base, warmupMs, minTotalMs: Math.min(base.minTotalMs, Math.round(share - warmupMs)) };
}

/**
 * Times several inputs the same way: warm each up, size its batch so a run lasts about
 * `runMs`, then take runs round-robin (so every input sees the same JIT state and machine
 * load) until each has at least `minRuns` runs and `minTotalMs` of measured time.
 */
export function timeRepeated(batches: readonly Batch[], o: TimingOptions, progress?: (p: MeasureProgress) => void): RepeatedTiming[] {
  const total = batches.length;
  const calls = batches.map((run, i) => {
    // Warm-up: at least one call, then more until warmupMs has passed.
    let spent = run(1);
    let n = 1;
    while (spent < o.warmupMs && n < MAX_CALLS_PER_RUN) {
      const more = Math.min(MAX_CALLS_PER_RUN, n);
      spent += run(more);
      n += more;
    }
    const perCall = spent / n;
    progress?.({ warmed: i + 1, done: 0, total, fraction: 0 });
    return perCall >= o.runMs ? 1 : Math.min(MAX_CALLS_PER_RUN, Math.max(1, Math.round(o.runMs / Math.max(perCall, 1e-6))));
  });
  const out: RepeatedTiming[] = calls.map((c) => ({ runsMs: [], callsPerRun: c, totalMs: 0 }));
  const done = (t: RepeatedTiming) => t.runsMs.length >= o.minRuns && t.totalMs >= o.minTotalMs;
  const share = (t: RepeatedTiming) => Math.min(1, t.runsMs.length / o.minRuns, o.minTotalMs > 0 ? t.totalMs / o.minTotalMs : 1);
  while (!out.every(done)) {
    batches.forEach((run, i) => {
      const t = out[i]!;
      if (done(t)) return;
      const ms = run(t.callsPerRun);
      t.runsMs.push(ms / t.callsPerRun);
      t.totalMs += ms;
    });
    progress?.({ warmed: total, done: out.filter(done).length, total, fraction: out.reduce((s, t) => s + share(t), 0) / total });
  }
  return out;
}
