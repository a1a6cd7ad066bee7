/**
 * Sequence operations shared by strings and arrays, written once against a small adapter so a
 * string stays a JS string (slices and concatenation are cheap ropes, a 100,000-char string is
 * never split into an array for an insert) while arrays stay arrays. Each op returns a new
 * sequence, or undefined when it does not apply (the caller then picks another). All O(length).
 */
import type { Rng } from '../rng.js';

export interface Bounds {
  minLen: number;
  maxLen: number;
}

export interface Seq<S, E> {
  len(s: S): number;
  slice(s: S, i: number, j?: number): S;
  cat(...parts: S[]): S;
  at(s: S, i: number): E;
  of(items: E[]): S;
  /** A fresh, mutable array of the elements. */
  items(s: S): E[];
  /** The same elements, unshared (deep copies for arrays, so one value is never placed twice). */
  copy(s: S): S;
  /** n unshared copies of s, concatenated. */
  repeat(s: S, n: number): S;
}

/** A random non-empty slice [i, j) of a sequence of length len ≥ 1: mostly short, sometimes long. */
export function randomSlice(rng: Rng, len: number, maxSpan = len): [number, number] {
  const cap = Math.max(1, Math.min(len, maxSpan));
  const span = rng.chance(0.5) ? rng.range(1, Math.min(8, cap)) : rng.range(1, cap);
  const i = rng.int(len - span + 1);
  return [i, i + span];
}

/** Inserts items at a random position, as many as fit under maxLen. */
export function insertAt<S, E>(q: Seq<S, E>, s: S, b: Bounds, items: S, rng: Rng): S | undefined {
  const room = b.maxLen - q.len(s);
  if (room <= 0 || q.len(items) === 0) return undefined;
  const at = rng.int(q.len(s) + 1);
  return q.cat(q.slice(s, 0, at), q.slice(items, 0, room), q.slice(s, at));
}

/** Replaces element i. */
export function setAt<S, E>(q: Seq<S, E>, s: S, i: number, x: E): S {
  return q.cat(q.slice(s, 0, i), q.of([x]), q.slice(s, i + 1));
}

/** Deletes one element or a slice, never going under minLen. */
export function remove<S, E>(q: Seq<S, E>, s: S, b: Bounds, rng: Rng): S | undefined {
  const spare = q.len(s) - b.minLen;
  if (spare <= 0) return undefined;
  const [i, j] = randomSlice(rng, q.len(s), rng.chance(0.5) ? 1 : spare);
  return q.cat(q.slice(s, 0, i), q.slice(s, j));
}

export function swap<S, E>(q: Seq<S, E>, s: S, rng: Rng): S | undefined {
  const n = q.len(s);
  if (n < 2) return undefined;
  const a = rng.int(n);
  const b = rng.int(n);
  const [i, j] = a < b ? [a, b] : [b, a];
  if (i === j) return undefined;
  return q.cat(q.slice(s, 0, i), q.of([q.at(s, j)]), q.slice(s, i + 1, j), q.of([q.at(s, i)]), q.slice(s, j + 1));
}

export function reverse<S, E>(q: Seq<S, E>, s: S): S | undefined {
  return q.len(s) < 2 ? undefined : q.of(q.items(s).reverse());
}

export function shuffle<S, E>(q: Seq<S, E>, s: S, rng: Rng): S | undefined {
  if (q.len(s) < 2) return undefined;
  const out = q.items(s);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return q.of(out);
}

/** Inserts a copy of a slice right after it (as much as fits). */
export function duplicateSlice<S, E>(q: Seq<S, E>, s: S, b: Bounds, rng: Rng): S | undefined {
  const room = b.maxLen - q.len(s);
  if (q.len(s) === 0 || room <= 0) return undefined;
  const [i, j] = randomSlice(rng, q.len(s), room);
  return q.cat(q.slice(s, 0, j), q.copy(q.slice(s, i, j)), q.slice(s, j));
}

/**
 * Repeats a slice until the sequence has `target` elements: either the slice alone, repeated
 * (e.g. "aaaa…"), or kept between the original prefix and suffix.
 */
export function repeatFill<S, E>(q: Seq<S, E>, s: S, target: number, make: () => E | undefined, rng: Rng): S | undefined {
  const n = q.len(s);
  if (target <= 0) return undefined;
  let unit: S;
  let prefix = q.of([]);
  let suffix = q.of([]);
  if (n === 0) {
    const x = make();
    if (x === undefined) return undefined;
    unit = q.of([x]);
  } else if (rng.chance(0.5)) {
    const i = rng.int(n);
    unit = q.slice(s, i, i + 1); // one element repeated: the most uniform input of all
  } else {
    const [i, j] = randomSlice(rng, n);
    unit = q.slice(s, i, j);
    if (rng.chance(0.5)) {
      prefix = q.slice(s, 0, i);
      suffix = q.slice(s, j);
    }
  }
  const middle = Math.max(q.len(unit), target - q.len(prefix) - q.len(suffix));
  const repeated = q.repeat(unit, Math.ceil(middle / q.len(unit)));
  return q.slice(q.cat(prefix, q.slice(repeated, 0, middle), suffix), 0, target);
}

/**
 * Splices a slice of the donor in: over a slice of the same length when the length is fixed,
 * otherwise in place of a random (possibly empty) slice, trimmed to maxLen. `take` prepares the
 * donor's slice (e.g. drops what does not fit the shape and copies the rest).
 */
export function crossover<S, E>(q: Seq<S, E>, s: S, donor: S, b: Bounds, rng: Rng, take: (part: S) => S = (part) => part): S | undefined {
  const n = q.len(s);
  if (q.len(donor) === 0) return undefined;
  if (b.minLen === b.maxLen) {
    if (n === 0) return undefined;
    const [i, j] = randomSlice(rng, q.len(donor), n);
    const at = rng.int(n - (j - i) + 1);
    return q.cat(q.slice(s, 0, at), take(q.slice(donor, i, j)), q.slice(s, at + j - i));
  }
  const [i, j] = randomSlice(rng, q.len(donor));
  const at = rng.int(n + 1);
  const cut = at + rng.int(n - at + 1);
  return q.slice(q.cat(q.slice(s, 0, at), take(q.slice(donor, i, j)), q.slice(s, cut)), 0, b.maxLen);
}

/** Trims to maxLen and pads to minLen with fresh elements. */
export function fitLength<S, E>(q: Seq<S, E>, s: S, b: Bounds, make: () => E | undefined): S {
  if (q.len(s) > b.maxLen) return q.slice(s, 0, b.maxLen);
  const pad: E[] = [];
  for (let n = q.len(s); n < b.minLen; n++) {
    const x = make();
    if (x === undefined) break;
    pad.push(x);
  }
  return pad.length === 0 ? s : q.cat(s, q.of(pad));
}
