import { quantile } from '../../core/stats.js';
import type { Candidate } from './candidates.js';

/** One value of a candidate's measure on one typical input. */
export interface Observed {
  /** Largest and mean value at the anchor during the run; n = times the anchor ran. */
  max: number;
  mean: number;
  n: number;
  size: number;
}

/** A concrete constraint for a candidate: its expression and the threshold in words. */
export interface Variant {
  expr: string;
  threshold: string;
}

/** Quantiles of typical inputs' values that thresholds are taken from. */
const MAX_QUANTILES = [0.5, 0.9];
const MEAN_QUANTILES = [0.9];

/** Three significant digits: thresholds read as measured, not as noise. */
function nice(x: number): number {
  if (!Number.isFinite(x)) return 0;
  if (Number.isInteger(x)) return x;
  return Number(x.toPrecision(3));
}

/**
 * Threshold variants of a candidate: `measure > K` and `measure > K * $size`, with K taken from
 * quantiles of the values typical inputs showed (their per-run largest and mean values, as is or
 * per unit of size), never from one input. The variants are then run and judged; the best kept
 * one stands for the candidate.
 */
export function thresholdVariants(c: Candidate, typical: Observed[]): Variant[] {
  const reached = typical.filter((o) => o.n > 0);
  const abs = new Set<number>();
  const rel = new Set<number>();
  const pools: [number[], number[]][] = [
    [reached.map((o) => o.max), MAX_QUANTILES],
    [reached.map((o) => o.mean), MEAN_QUANTILES],
  ];
  // Counts and lengths get whole thresholds; a measure that takes fractions (a ratio) keeps them.
  const whole = reached.every((o) => Number.isInteger(o.max));
  for (const [values, qs] of pools) for (const q of qs) if (values.length) abs.add(nice(whole ? Math.floor(quantile(values, q)) : quantile(values, q)));
  const sized = reached.filter((o) => o.size > 0);
  const relPools: [number[], number[]][] = [
    [sized.map((o) => o.max / o.size), MAX_QUANTILES],
    [sized.map((o) => o.mean / o.size), MEAN_QUANTILES],
  ];
  // Relative thresholds only mean something when sizes differ or the size is not a constant 1.
  const sizes = new Set(sized.map((o) => o.size));
  if (sizes.size > 1 || (sizes.size === 1 && !sizes.has(1))) {
    for (const [values, qs] of relPools) for (const q of qs) if (values.length) rel.add(nice(quantile(values, q)));
  }
  if (reached.length === 0) abs.add(0);
  for (const k of c.fixed ?? []) abs.add(k);
  const guard = c.guard ? `${c.guard} && ` : '';
  const out: Variant[] = [];
  for (const k of [...abs].sort((a, b) => a - b)) out.push({ expr: `${guard}${c.measure} > ${k}`, threshold: String(k) });
  for (const k of [...rel].sort((a, b) => a - b)) if (k > 0) out.push({ expr: `${guard}${c.measure} > ${k} * $size`, threshold: `${k} × the input size` });
  return out;
}

/** The numeric expression profiled for a candidate (0 where its guard does not hold). */
export function measureExpr(c: Candidate): string {
  return c.guard ? `(${c.guard}) ? ${c.measure} : 0` : c.measure;
}
