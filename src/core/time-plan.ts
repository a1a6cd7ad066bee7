/**
 * How `wedge run --time T` shares T between its phases, so that T is what the user waits for:
 *
 * - Verification gets 40% of T (`--verify-time` gives it its own time, on top of T); its
 *   measuring time per input is fitted to that (see fitTiming in measure/timing.ts).
 * - Constraint synthesis, when `constraints/<id>.json` is missing or stale, comes first, and
 *   all of it counts against T (it runs once: the file it writes is reused while the code stays).
 * - The search gets what is left, less SEARCH_OVERHEAD_MS for loading the workers and writing its
 *   report, and at least a quarter of T: a slow synthesis makes the run longer, not the search
 *   empty.
 */

/** Loading the target in each worker before the search's clock starts, replaying kept inputs for constraint errors, writing the report. */
export const SEARCH_OVERHEAD_MS = 4000;
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
}

export function planRun(o: { totalMs: number; verifyMs?: number }): RunPlan {
  const own = o.verifyMs !== undefined;
  return {
    totalMs: o.totalMs,
    verifyMs: own ? o.verifyMs! : Math.round(VERIFY_SHARE * o.totalMs),
    verifyOwnTime: own,
  };
}

/** The search's time, in ms, once `elapsedMs` of the run have gone (synthesis, loading). */
export function searchTime(plan: RunPlan, elapsedMs: number): number {
  const left = plan.totalMs - (plan.verifyOwnTime ? 0 : plan.verifyMs) - elapsedMs - SEARCH_OVERHEAD_MS;
  return Math.round(Math.max(MIN_SEARCH_SHARE * plan.totalMs, left));
}

/** The plan in a line, announced before the run starts. */
export function describePlan(plan: RunPlan, synthesizing: boolean, fmt: (ms: number) => string): string {
  const parts = [
    ...(synthesizing ? ['constraint synthesis first (once; usually 10–40 s, taken from the search)'] : []),
    `the search until about ${fmt(plan.totalMs - (plan.verifyOwnTime ? 0 : plan.verifyMs))}`,
    `verification ${fmt(plan.verifyMs)}${plan.verifyOwnTime ? ' (--verify-time, on top)' : ' (--verify-time gives it time of its own)'}`,
  ];
  return `plan: about ${fmt(plan.totalMs + (plan.verifyOwnTime ? plan.verifyMs : 0))} in all: ${parts.join(', then ')}`;
}
