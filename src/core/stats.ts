/** Quantile by linear interpolation between closest ranks (sorted copy; input untouched). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Interquartile range: the spread reported beside every median. */
export function iqr(values: readonly number[]): number {
  return quantile(values, 0.75) - quantile(values, 0.25);
}

/** Median with its quartiles: what every timing figure in a report carries. */
export interface Spread {
  n: number;
  median: number;
  q1: number;
  q3: number;
  iqr: number;
}

export function spread(values: readonly number[]): Spread {
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  return { n: values.length, median: median(values), q1, q3, iqr: q3 - q1 };
}

/**
 * Ratio of two medians with a conservative range from their quartiles (numerator's low
 * quartile over denominator's high one, and the reverse): the spread a slowdown is read with.
 */
export function ratioWithRange(num: Spread, den: Spread): { ratio: number; low: number; high: number } {
  return { ratio: num.median / den.median, low: num.q1 / den.q3, high: num.q3 / den.q1 };
}

export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination; 1 when every point lies on the line. */
  r2: number;
  /** Sum of squared residuals. */
  sse: number;
}

/** Ordinary least squares y = slope·x + intercept. Needs two distinct x values. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LineFit {
  if (xs.length !== ys.length) throw new Error(`linearFit: ${xs.length} x values but ${ys.length} y values`);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (n < 2 || sxx === 0) throw new Error('linearFit: needs at least two distinct x values');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - (slope * xs[i]! + intercept)) ** 2;
  // A flat series is fitted exactly by a flat line.
  const r2 = syy === 0 ? 1 : 1 - sse / syy;
  return { slope, intercept, r2, sse };
}

export interface PowerFit {
  /** y ≈ e^logC · n^k. */
  k: number;
  logC: number;
  r2: number;
  /** The alternative y ≈ e^(logC + rate·n), fitted on log y against n. */
  exp: { rate: number; logC: number; r2: number };
  /**
   * The exponential model fits clearly better than the power law, over sizes wide enough to
   * tell them apart (see namesGrowthClass).
   */
  exponential: boolean;
  points: number;
}

/** Sizes must span at least this factor, and reach at least MIN_SIZE_TO_NAME, to name a growth class. */
export const SPAN_TO_NAME = 4;
/**
 * Below this, fixed costs (the call, copying the input) weigh as much as the growth itself, and
 * over sizes such as 2–10 a steep power law and an exponential fit the same points.
 */
export const MIN_SIZE_TO_NAME = 16;

/** Whether sizes from `lo` to `hi` are enough to call growth a power law or exponential. */
export function namesGrowthClass(lo: number, hi: number): boolean {
  return lo > 0 && hi / lo >= SPAN_TO_NAME && hi >= MIN_SIZE_TO_NAME;
}

/**
 * Fits y ∝ n^k by least squares on log-log axes, and y ∝ e^(rate·n) on log-linear ones.
 * Growth is flagged exponential when the log-linear fit leaves less than half the residual
 * of the log-log fit (both are measured on log y, so they compare directly) and explains
 * most of the variance itself. Points with n ≤ 0 or y ≤ 0 are left out (no logarithm).
 */
export function fitGrowth(ns: readonly number[], ys: readonly number[]): PowerFit | undefined {
  const pts = ns.map((n, i) => [n, ys[i]!] as const).filter(([n, y]) => n > 0 && y > 0 && Number.isFinite(y));
  if (new Set(pts.map(([n]) => n)).size < 3) return undefined;
  const ly = pts.map(([, y]) => Math.log(y));
  const power = linearFit(pts.map(([n]) => Math.log(n)), ly);
  const exp = linearFit(pts.map(([n]) => n), ly);
  const ns0 = pts.map(([n]) => n);
  const exponential = namesGrowthClass(Math.min(...ns0), Math.max(...ns0)) && exp.slope > 0 && exp.r2 >= 0.95 && exp.sse < 0.5 * power.sse;
  return { k: power.slope, logC: power.intercept, r2: power.r2, exp: { rate: exp.slope, logC: exp.intercept, r2: exp.r2 }, exponential, points: pts.length };
}
