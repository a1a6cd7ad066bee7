/**
 * Growth-guided search: find structure where executions are cheap, then pump it. A kept
 * input's text is cut into prefix + slice + suffix; the slice is repeated to two moderate
 * sizes and the cost measured at both (work exactly, time as the least of a few runs). A
 * pattern whose cost grows faster than linearly is pumped to the budget and offered to the
 * search, the fastest-growing first. Cost at two sizes is a sharper signal than one timing
 * of one long input, and much cheaper than searching at the budget.
 */
import type { Rng } from './rng.js';
import type { TextSlot } from './text-slot.js';
import { fitsAlphabet } from './text-slot.js';

export interface Pattern {
  prefix: string;
  unit: string;
  suffix: string;
}

export interface Cost {
  work: number;
  timeMs: number;
}

export interface GrowthResult {
  pattern: Pattern;
  /** Exponent of cost in size between the two probe sizes (1 ≈ linear, 2 ≈ quadratic). */
  exponent: number;
  /** The pattern pumped to the budget. */
  input: unknown;
}

/** Exponents below this are linear plus noise. */
const SUPERLINEAR = 1.35;
/** Time below this (ms) is too short to time against the noise. */
const MIN_TIME_MS = 0.05;

/** The text of `p` with the unit repeated so the whole is at most `length` long. */
export function pump(p: Pattern, length: number): string {
  const room = length - p.prefix.length - p.suffix.length;
  if (room < p.unit.length || p.unit.length === 0) return (p.prefix + p.suffix).slice(0, length);
  return p.prefix + p.unit.repeat(Math.floor(room / p.unit.length)) + p.suffix;
}

/** A random cut of `text`: a short slice to repeat, a little context each side. */
export function randomPattern(text: string, rng: Rng): Pattern | undefined {
  if (text.length === 0) return undefined;
  const span = rng.chance(0.6) ? rng.range(1, Math.min(4, text.length)) : rng.range(1, Math.min(16, text.length));
  const i = rng.int(text.length - span + 1);
  const j = i + span;
  const keep = (n: number) => (rng.chance(0.3) ? 0 : Math.min(n, rng.range(0, 64)));
  const pre = keep(i);
  const post = keep(text.length - j);
  return { prefix: text.slice(i - pre, i), unit: text.slice(i, j), suffix: text.slice(j, j + post) };
}

function exponent(a: number, b: number, ratio: number): number {
  if (!(a > 0) || !(b > 0)) return 0;
  return Math.log(b / a) / Math.log(ratio);
}

/**
 * Measures one pattern at sizes n and 2n; when its cost grows super-linearly, returns it
 * pumped to the slot's budget. `measure` runs the input (a few times for time) and gives its cost.
 */
export function probeGrowth(base: unknown, slot: TextSlot, p: Pattern, small: number, measure: (input: unknown) => Cost | undefined): GrowthResult | undefined {
  const n1 = Math.min(small, slot.maxLen >> 1);
  // At least two repeats at the smaller size, or the two sizes measure the context, not the pattern.
  if (n1 < 8 || n1 - p.prefix.length - p.suffix.length < 2 * p.unit.length) return undefined;
  const t1 = pump(p, n1);
  const t2 = pump(p, n1 * 2);
  if (!fitsAlphabet(slot, t2)) return undefined;
  const c1 = measure(slot.set(base, t1));
  if (!c1) return undefined;
  const c2 = measure(slot.set(base, t2));
  if (!c2) return undefined;
  const ratio = t2.length / Math.max(1, t1.length);
  const byWork = exponent(c1.work, c2.work, ratio);
  const byTime = c2.timeMs >= MIN_TIME_MS ? exponent(c1.timeMs, c2.timeMs, ratio) : 0;
  const e = Math.max(byWork, byTime);
  if (e < SUPERLINEAR) return undefined;
  return { pattern: p, exponent: e, input: slot.set(base, pump(p, slot.maxLen)) };
}
