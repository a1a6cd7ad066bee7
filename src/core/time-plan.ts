import { OPTIONS } from './options.js';

/**
 * How `wedge run --time T` (the library's `run` with `timeMs`) shares T between its phases, so
 * that T is what the user waits for. `run` in pipeline/run.ts applies it:
 *
 * - Verification gets 40% of T (`--verify-time` gives it its own time, on top of T); its
 *   measuring time per input is fitted to that after its fixed costs and a quarter kept for
 *   minimization and growth (see fitTiming in measure/timing.ts), which share what the timing
 *   leaves (see refineFindings in measure/refine.ts).
 * - Constraint synthesis, when `constraints/<id>.json` is missing or stale, comes first, and
 *   all of it counts against T (it runs once: the file it writes is reused while the code stays).
 *   Its profiling search is capped at a tenth of T (at most its usual 8 s), so a short T is not
 *   spent profiling; the random samples are drawn at the same time, in a worker of their own.
 * - The search gets what is left, less SEARCH_OVERHEAD_MS for loading the workers and writing its
 *   report, and at least a quarter of T: a slow synthesis makes the run longer, not the search
 *   empty. Its deadline counts from the start of the search phase, worker loading included, so a
 *   slow load shortens the search instead of lengthening the run.
 */

/** Loading the target in each worker before the search's clock starts, replaying kept inputs for constraint errors, writing the report. */
export const SEARCH_OVERHEAD_MS = 4000;
/** Of SEARCH_OVERHEAD_MS, what comes after the search stops: replaying kept inputs for constraint errors, writing the report. */
export const SEARCH_WRAP_UP_MS = 1000;
/** The cap on synthesis's profiling search, as a share of T (never above its own default, OPTIONS.profileSearchTime). */
export const SYNTH_SEARCH_SHARE = 0.1;
/** Verification's share of T when it has no time of its own. */
export const VERIFY_SHARE = 0.4;
/** The search's least share of T. */
export const MIN_SEARCH_SHARE = 0.25;

export interface RunPlan {
  /** T: the whole run, in ms. */
  totalMs: number;
  /** Verification's time, in ms. */
  verifyMs: number;
  /** True when verification's time was given on its own (`--verify-time`) and is not part of T. */
  verifyOwnTime: boolean;
  /** The wall-time cap on synthesis's profiling search, in ms. */
  synthSearchMs: number;
}

export function planRun(o: { totalMs: number; verifyMs?: number }): RunPlan {
  const own = o.verifyMs !== undefined;
  return {
    totalMs: o.totalMs,
    verifyMs: own ? o.verifyMs! : Math.round(VERIFY_SHARE * o.totalMs),
    verifyOwnTime: own,
    synthSearchMs: Math.min(OPTIONS.profileSearchTime.default, Math.round(SYNTH_SEARCH_SHARE * o.totalMs)),
  };
}

/** The search's time, in ms, once `elapsedMs` of the run have gone (synthesis, loading). */
export function searchTime(plan: RunPlan, elapsedMs: number): number {
  const left = plan.totalMs - (plan.verifyOwnTime ? 0 : plan.verifyMs) - elapsedMs - SEARCH_OVERHEAD_MS;
  return Math.round(Math.max(MIN_SEARCH_SHARE * plan.totalMs, left));
}

/**
 * The search phase's time, in ms, once `elapsedMs` of the run have gone (`phaseMs`): the search,
 * which stops SEARCH_WRAP_UP_MS before the phase's end (`stopAfterMs`, counted from its start,
 * worker loading included), and its wrap-up. `searchMs` is the search once the workers have loaded, as planned.
 */
export function searchPhase(plan: RunPlan, elapsedMs: number): { phaseMs: number; stopAfterMs: number; searchMs: number } {
  const searchMs = searchTime(plan, elapsedMs);
  const phaseMs = searchMs + SEARCH_OVERHEAD_MS;
  return { phaseMs, stopAfterMs: phaseMs - SEARCH_WRAP_UP_MS, searchMs };
}

/** The plan in a line, announced before the run starts. */
export function describePlan(plan: RunPlan, synthesizing: boolean, fmt: (ms: number) => string): string {
  const parts = [
    ...(synthesizing ? [`constraint synthesis first (once; its profiling search at most ${fmt(plan.synthSearchMs)}; usually 10–40 s, taken from the search)`] : []),
    `the search until about ${fmt(plan.totalMs - (plan.verifyOwnTime ? 0 : plan.verifyMs))}`,
    `verification ${fmt(plan.verifyMs)}${plan.verifyOwnTime ? ' (--verify-time, on top)' : ' (--verify-time gives it time of its own)'}`,
  ];
  return `plan: about ${fmt(plan.totalMs + (plan.verifyOwnTime ? plan.verifyMs : 0))} in all: ${parts.join(', then ')}`;
}
