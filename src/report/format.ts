import type { PowerFit } from '../measure/stats.js';
import type { Growth, VerifiedFinding, Baseline } from '../measure/types.js';

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

/** "as n^2.00 (R² 0.999)", or "exponentially, ×1.77 per unit of size (…)" when flagged so. */
export function formatFit(fit: PowerFit | undefined): string {
  if (!fit) return 'unknown (too few sizes to fit)';
  const power = `n^${fit.k.toFixed(2)} (R² ${fit.r2.toFixed(3)})`;
  return fit.exponential ? `exponentially, ×${Math.exp(fit.exp.rate).toFixed(2)} per unit of size (R² ${fit.exp.r2.toFixed(3)}; as a power law ${power})` : `as ${power}`;
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

/** "worst case grows as n^2.00 (R² 0.999), typical as n^1.10 (R² 0.990) — by work" */
export function growthSentence(g: Growth): string {
  const pick = (s: Growth['worst']) => (g.bound === 'time' ? s.time : s.work);
  return `worst case grows ${formatFit(pick(g.worst))}, typical ${formatFit(pick(g.typical))} — by ${g.bound === 'time' ? 'wall time' : 'work'}`;
}
