/** How one finding's work compares with its baseline; pure, shared by the gate and its table. */

/**
 * ok: within the threshold either way. improved: below it. REGRESSION: above it.
 * new: an input the baseline did not hold (added by --update, or found by --fuzz without beating
 * the worst). NEW-WORST: a --fuzz input whose work beats the baseline's worst by more than the
 * threshold, a new slow path. ERROR: the target throws on a baseline input. HANG / OOM: the
 * --fuzz search hit one.
 */
export type GateStatus = 'ok' | 'improved' | 'REGRESSION' | 'new' | 'NEW-WORST' | 'ERROR' | 'HANG' | 'OOM';

export const FAILING: ReadonlySet<GateStatus> = new Set<GateStatus>(['REGRESSION', 'NEW-WORST', 'ERROR', 'HANG', 'OOM']);

export interface GateRow {
  target: string;
  /** Content hash of the input; `fuzz:<hash>` for the best input of a --fuzz search. */
  finding: string;
  /** Baseline work (for a --fuzz row: the baseline's worst). */
  baseline?: number;
  current?: number;
  status: GateStatus;
  note?: string;
}

/** Relative change in percent; undefined when there is nothing to compare. */
export function changePercent(baseline: number | undefined, current: number | undefined): number | undefined {
  if (baseline === undefined || current === undefined) return undefined;
  if (baseline === 0) return current === 0 ? 0 : Infinity;
  return ((current - baseline) / baseline) * 100;
}

/** A regression is more than `thresholdPercent` above the baseline, an improvement as far below. */
export function compareWork(baseline: number, current: number, thresholdPercent: number): 'ok' | 'improved' | 'REGRESSION' {
  const change = changePercent(baseline, current)!;
  if (change > thresholdPercent) return 'REGRESSION';
  if (change < -thresholdPercent) return 'improved';
  return 'ok';
}
