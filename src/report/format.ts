import { namesGrowthClass, type PowerFit } from '../core/stats.js';
import type { Environment, Growth, GrowthSeries, VerifiedFinding, Baseline } from '../measure/types.js';

/** A duration in ms with three significant digits and a unit that keeps it readable. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  if (ms >= 0.001) return `${(ms * 1000).toPrecision(3)} µs`;
  return `${(ms * 1e6).toPrecision(3)} ns`;
}

export function formatRatio(x: number): string {
  if (!Number.isFinite(x)) return '∞';
  if (x >= 1000) return `${Math.round(x).toLocaleString('en-US')}×`;
  return x >= 100 ? `${Math.round(x)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

export function formatSlowdown(f: VerifiedFinding): string {
  return `${formatRatio(f.slowdown.ratio)} (IQR range ${formatRatio(f.slowdown.low)}–${formatRatio(f.slowdown.high)})`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * JSON of a value, cut to `max` characters; a cut one states the value's own length (a string's
 * characters, an array's items), not that of its escaped JSON.
 */
export function preview(value: unknown, max = 160): string {
  const s = JSON.stringify(value) ?? String(value);
  if (s.length <= max) return s;
  const size = typeof value === 'string' ? `${value.length} chars` : Array.isArray(value) ? `${value.length} items` : `${s.length} chars of JSON`;
  return `${s.slice(0, max)}… (${size})`;
}

/** The sizes of a baseline's random inputs, said plainly when they differ from the finding's (exact sizes can be rare, and one baseline serves sizes within 5%). */
export function baselineSizes(b: Baseline, findingSize: number): string {
  if (b.sizes.min === findingSize && b.sizes.max === findingSize) return `size ${findingSize}`;
  const range = b.sizes.min === b.sizes.max ? `${b.sizes.min}` : `${b.sizes.min}–${b.sizes.max}`;
  return `sizes ${range}, near ${findingSize}`;
}

/**
 * "as n^2.00 (R² 0.999)", or "exponentially, ×1.77 per unit of size (…)" when flagged so and
 * the cost also grows faster than the size over the span: a noisy, sublinear series (n^0.79)
 * that an exponential happens to fit better is not called exponential.
 */
export function formatFit(fit: PowerFit | undefined): string {
  if (!fit) return 'unknown (too few sizes to fit)';
  const power = `n^${fit.k.toFixed(2)} (R² ${fit.r2.toFixed(3)})`;
  return fit.exponential && fit.k > 1 ? `exponentially, ×${Math.exp(fit.exp.rate).toFixed(2)} per unit of size (R² ${fit.exp.r2.toFixed(3)}; as a power law ${power})` : `as ${power}`;
}

/** What a finding is slow in: its work, its time only (cost in built-ins), or neither. */
export function boundText(f: VerifiedFinding): string {
  if (f.workRatio < 1.2 && f.slowdown.ratio < 1.2) return 'neither: not slower than typical';
  return f.bound === 'time' ? 'time (cost in built-ins)' : 'work';
}

/** How much cost a minimized input keeps, in words. */
export function keptText(kept: number, bound: string): string {
  if (Math.abs(kept - 1) < 5e-4) return `keeps all of the original's ${bound}`;
  return kept >= 1 ? `no less ${bound} than the original (${kept.toFixed(2)}×)` : `keeps ${Math.round(kept * 100)}% of the original's ${bound}`;
}

/**
 * How one series grows by work and by wall time, the finding's own measure first: both, since
 * they can differ (n^1.00 by work and n^1.61 by time is cost in built-ins or allocation). A class
 * (power law, exponential) is named only over a wide enough span of sizes; over a narrow one the
 * exponent is given as an estimate over those sizes.
 */
export function seriesGrowth(s: GrowthSeries, bound: Growth['bound']): string {
  const sizes = s.points.map((p) => p.size).filter((n) => n > 0);
  if (sizes.length === 0) return 'unknown (no sizes measured)';
  const lo = Math.min(...sizes);
  const hi = Math.max(...sizes);
  const named = namesGrowthClass(lo, hi);
  const part = (fit: PowerFit | undefined, by: string) => {
    if (!fit) return `unknown by ${by} (too few sizes to fit)`;
    if (!named) return `about n^${fit.k.toFixed(2)} by ${by}`;
    return `${formatFit(fit)} by ${by}`;
  };
  const parts = bound === 'time' ? [part(s.time, 'wall time'), part(s.work, 'work')] : [part(s.work, 'work'), part(s.time, 'wall time')];
  return `${parts.join(' and ')}${named ? '' : ` over sizes ${lo}–${hi} (too narrow a span to name a growth class)`}`;
}

/** "worst case grows as n^2.00 (R² 0.999) by work and as n^2.10 (R² 0.990) by wall time; typical input …" */
export function growthSentence(g: Growth): string {
  return `worst case grows ${seriesGrowth(g.worst, g.bound)}; a typical input ${seriesGrowth(g.typical, g.bound)}`;
}

/** Why instructions were not counted, in words rather than the counter tool's output. */
export function instructionsNote(env: Pick<Environment, 'instructions'>): string {
  if (env.instructions.available) return 'instructions counted with perf stat';
  const reason = env.instructions.reason ?? '';
  const why = /not installed/.test(reason)
    ? 'perf is not installed'
    : /not supported|not counted/.test(reason)
      ? 'the processor\'s counters are not available to programs here, as is usual in containers and virtual machines'
      : reason
        ? 'perf could not run'
        : '';
  return `instruction counts unavailable on this machine${why ? ` (${why})` : ''}`;
}

/** The first line of an error, cut short: the summary's and the report's note on a throwing finding. */
export function errorHeadline(error: string, max = 160): string {
  const line = (error.split('\n').find((l) => l.trim()) ?? error).trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
