/**
 * Sequence operations shared by strings (arrays of chars) and arrays. Each returns a new array,
 * or undefined when it does not apply (so the caller picks another operator). All are O(length).
 */
import type { Rng } from '../rng.js';

export interface Bounds {
  minLen: number;
  maxLen: number;
}

/** A random non-empty slice [i, j) of a sequence of length len ≥ 1: mostly short, sometimes long. */
export function randomSlice(rng: Rng, len: number, maxSpan = len): [number, number] {
  const cap = Math.max(1, Math.min(len, maxSpan));
  const span = rng.chance(0.5) ? rng.range(1, Math.min(8, cap)) : rng.range(1, cap);
  const i = rng.int(len - span + 1);
  return [i, i + span];
}

/** Inserts items at a random position, as many as fit under maxLen. */
export function insertAt<T>(a: readonly T[], b: Bounds, items: T[], rng: Rng): T[] | undefined {
  const room = b.maxLen - a.length;
  if (room <= 0 || items.length === 0) return undefined;
  const at = rng.int(a.length + 1);
  return [...a.slice(0, at), ...items.slice(0, room), ...a.slice(at)];
}

/** Deletes one element or a slice, never going under minLen. */
export function remove<T>(a: readonly T[], b: Bounds, rng: Rng): T[] | undefined {
  const spare = a.length - b.minLen;
  if (spare <= 0) return undefined;
  const [i, j] = rng.chance(0.5) ? randomSlice(rng, a.length, 1) : randomSlice(rng, a.length, spare);
  return [...a.slice(0, i), ...a.slice(j)];
}

export function swap<T>(a: readonly T[], rng: Rng): T[] | undefined {
  if (a.length < 2) return undefined;
  const out = a.slice();
  const i = rng.int(a.length);
  const j = rng.int(a.length);
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function reverse<T>(a: readonly T[]): T[] | undefined {
  return a.length < 2 ? undefined : a.slice().reverse();
}

export function shuffle<T>(a: readonly T[], rng: Rng): T[] | undefined {
  if (a.length < 2) return undefined;
  const out = a.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Inserts a copy of a slice right after it (as much as fits). */
export function duplicateSlice<T>(a: readonly T[], b: Bounds, copy: (x: T) => T, rng: Rng): T[] | undefined {
  const room = b.maxLen - a.length;
  if (a.length === 0 || room <= 0) return undefined;
  const [i, j] = randomSlice(rng, a.length, room);
  return [...a.slice(0, j), ...a.slice(i, j).map(copy), ...a.slice(j)];
}

/**
 * Repeats a slice until the sequence has `target` elements: either the slice alone, repeated
 * (e.g. "aaaa…"), or kept between the original prefix and suffix.
 */
export function repeatFill<T>(a: readonly T[], target: number, copy: (x: T) => T, make: () => T | undefined, rng: Rng): T[] | undefined {
  if (target <= 0) return undefined;
  let unit: T[];
  let prefix: readonly T[] = [];
  let suffix: readonly T[] = [];
  if (a.length === 0) {
    const x = make();
    if (x === undefined) return undefined;
    unit = [x];
  } else {
    const [i, j] = rng.chance(0.5) ? [rng.int(a.length), 0] : randomSlice(rng, a.length);
    if (j === 0) {
      unit = [a[i]!]; // a single element repeated: the most uniform input of all
    } else {
      unit = a.slice(i, j);
      if (rng.chance(0.5)) {
        prefix = a.slice(0, i);
        suffix = a.slice(j);
      }
    }
  }
  const middle = Math.max(unit.length, target - prefix.length - suffix.length);
  const out = prefix.slice();
  for (let k = 0; k < middle; k++) out.push(copy(unit[k % unit.length]!));
  for (const x of suffix) out.push(x);
  return out.slice(0, target);
}

/**
 * Splices a slice of the donor into a: replacing a slice of the same length when the length is
 * fixed, otherwise replacing a random (possibly empty) slice and trimming to maxLen.
 */
export function crossover<T>(a: readonly T[], donor: readonly T[], b: Bounds, rng: Rng): T[] | undefined {
  if (donor.length === 0) return undefined;
  if (b.minLen === b.maxLen) {
    if (a.length === 0) return undefined;
    const [i, j] = randomSlice(rng, donor.length, a.length);
    const at = rng.int(a.length - (j - i) + 1);
    return [...a.slice(0, at), ...donor.slice(i, j), ...a.slice(at + j - i)];
  }
  const [i, j] = randomSlice(rng, donor.length);
  const at = rng.int(a.length + 1);
  const cut = at + rng.int(a.length - at + 1);
  return [...a.slice(0, at), ...donor.slice(i, j), ...a.slice(cut)].slice(0, b.maxLen);
}

/** Trims to maxLen and pads to minLen with fresh elements. */
export function fitLength<T>(a: T[], b: Bounds, make: () => T | undefined): T[] {
  if (a.length > b.maxLen) a.length = b.maxLen;
  while (a.length < b.minLen) {
    const x = make();
    if (x === undefined) break;
    a.push(x);
  }
  return a;
}
