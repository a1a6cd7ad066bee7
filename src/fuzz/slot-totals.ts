import type { EngineStatus } from './engine-types.js';

/**
 * What one worker slot did, over all its generations: a replaced worker (hang, out of memory)
 * sends no result, so its last known status is all the campaign has of it, and it must count.
 */
export interface Totals {
  execs: number;
  errors: number;
  rejected: number;
  covered: number;
  probes: number;
  bestWork: number;
  bestTimeMs: number;
}

export const NO_TOTALS: Totals = { execs: 0, errors: 0, rejected: 0, covered: 0, probes: 0, bestWork: -1, bestTimeMs: 0 };

/** Counts add up over generations; coverage and bests are the largest seen. */
export function addTotals(a: Totals, b: Totals): Totals {
  return {
    execs: a.execs + b.execs,
    errors: a.errors + b.errors,
    rejected: a.rejected + b.rejected,
    covered: Math.max(a.covered, b.covered),
    probes: Math.max(a.probes, b.probes),
    bestWork: Math.max(a.bestWork, b.bestWork),
    bestTimeMs: Math.max(a.bestTimeMs, b.bestTimeMs),
  };
}

/**
 * One generation's totals from its last status, its probe count when it was ready, and the
 * calls of the target counted in shared memory (newer than any status a stuck worker sent).
 */
export function generationTotals(last: EngineStatus | undefined, readyProbes: number, calls: number): Totals {
  const s: Totals = last ?? NO_TOTALS;
  return {
    execs: Math.max(s.execs, calls),
    errors: s.errors,
    rejected: s.rejected,
    covered: s.covered,
    probes: Math.max(s.probes, readyProbes),
    bestWork: s.bestWork,
    bestTimeMs: s.bestTimeMs,
  };
}
