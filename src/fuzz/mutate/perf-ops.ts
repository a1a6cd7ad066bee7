/**
 * Array mutators aimed at worst cases rather than variety: sorted, all equal, all distinct,
 * and arithmetic between siblings (e.g. a[i] = a[j] makes a collision, a[i] + a[j] a sum).
 */
import { isSmallInt } from '../clone.js';
import type { Rng } from '../rng.js';
import { clampNumber, type NumberShape } from './numbers.js';
import type { MutationContext, Shape } from './shape.js';
import { clone, compareKeys, identity, type Recurse } from './util.js';

type Key = (x: unknown) => number | string;

/** How items compare when sorted: by value, or by a randomly chosen numeric field/index. */
function sortKey(item: Shape, rng: Rng): Key | undefined {
  switch (item.kind) {
    case 'number':
    case 'string':
      return (x) => x as number | string;
    case 'boolean':
      return (x) => Number(x);
    case 'array': {
      const idx = item.tuple
        ? item.tuple.flatMap((p, i) => (p.kind === 'number' ? [i] : []))
        : item.item.kind === 'number' && item.maxLen > 0
          ? [rng.int(item.maxLen)]
          : [];
      return idx.length === 0 ? undefined : numericAt(rng.pick(idx));
    }
    case 'object': {
      const names = Object.keys(item.fields).filter((k) => item.fields[k]!.kind === 'number');
      return names.length === 0 ? undefined : numericAt(rng.pick(names));
    }
    case 'other':
      return undefined;
  }
}

function numericAt(k: string | number): Key {
  return (x) => {
    const v = typeof x === 'object' && x !== null && Object.hasOwn(x, k) ? (x as Record<string, unknown>)[k] : undefined;
    return typeof v === 'number' ? v : -Infinity;
  };
}

/** Stable sort of a copy (keys computed once per element). */
export function sortArray(a: readonly unknown[], item: Shape, descending: boolean, rng: Rng): unknown[] | undefined {
  if (item.kind === 'number' && a.length >= 2) {
    const sorted = sortNumbers(a, descending);
    if (sorted) return sorted;
  }
  const key = a.length < 2 ? undefined : sortKey(item, rng);
  if (!key) return undefined;
  const dir = descending ? -1 : 1;
  const keyed = a.map((x) => ({ k: key(x), x }));
  keyed.sort((p, q) => dir * compareKeys(p.k, q.k));
  const out: unknown[] = [];
  for (const p of keyed) out.push(p.x);
  return out;
}

/**
 * The commonest case. Small integers sort natively in a typed array, with no call back into JS
 * per comparison; values are written back into a copy of the array, so it keeps its elements
 * kind (integers read out of a Float64Array would turn it into an array of doubles, and every
 * later read by the target would be slower). Other numbers sort with a comparator.
 * Undefined when an element is not a number (a value from an older corpus).
 */
let sortScratch = new Int32Array(256);

function sortNumbers(a: readonly unknown[], descending: boolean): number[] | undefined {
  const n = a.length;
  const out = a.slice() as number[];
  let small = true;
  for (let i = 0; i < n; i++) {
    const x = out[i];
    if (typeof x !== 'number') return undefined;
    if (!isSmallInt(x)) small = false;
  }
  if (!small) return out.sort(descending ? (x, y) => y - x : (x, y) => x - y);
  // One buffer reused across calls: a fresh typed array per sort is an off-heap allocation.
  if (sortScratch.length < n) sortScratch = new Int32Array(Math.max(n, 2 * sortScratch.length));
  const keys = sortScratch.subarray(0, n);
  for (let i = 0; i < n; i++) keys[i] = out[i]!;
  keys.sort();
  if (descending) for (let i = 0; i < n; i++) out[i] = keys[n - 1 - i]!;
  else for (let i = 0; i < n; i++) out[i] = keys[i]!;
  return out;
}

export function makeAllEqual(a: readonly unknown[], rng: Rng): unknown[] | undefined {
  if (a.length < 2) return undefined;
  const x = rng.pick(a);
  const out: unknown[] = [];
  for (let i = 0; i < a.length; i++) out.push(clone(x));
  return out;
}

/** Each duplicate (after the first) gets a small mutation, a few tries, until it is new. */
export function makeAllDistinct(a: readonly unknown[], item: Shape, ctx: MutationContext, r: Recurse): unknown[] | undefined {
  const seen = new Set<unknown>();
  const out = a.slice();
  let changed = false;
  let quiet: MutationContext | undefined;
  for (let i = 0; i < out.length; i++) {
    let x = out[i];
    let k = identity(x);
    for (let t = 0; t < 3 && seen.has(k); t++) {
      quiet ??= { ...ctx, donor: undefined };
      x = r.nudge(out[i], item, quiet);
      k = identity(x);
    }
    if (x !== out[i]) {
      out[i] = x;
      changed = true;
    }
    seen.add(k);
  }
  return changed ? out : undefined;
}

/** a[i] = a[i] + a[j], a[i] - a[j] or a[j], clamped; for number items. */
export function siblingArithmetic(a: readonly unknown[], item: Shape, rng: Rng): unknown[] | undefined {
  if (item.kind !== 'number' || a.length === 0) return undefined;
  const i = rng.int(a.length);
  const j = rng.int(a.length);
  const x = a[i] as number;
  const y = a[j] as number;
  const out = a.slice();
  if (i !== j && rng.chance(0.25)) {
    // A run of recurrence steps between the two (see tupleArithmetic).
    [out[i], out[j]] = recurrenceRun(rng.chance(0.5) ? [x, y] : [smallest(item) + rng.int(3), smallest(item) + rng.int(3)], item, item);
    return out;
  }
  out[i] = clampNumber(rng.pick([x + y, x - y, y]), item);
  return out;
}

/**
 * Between two number positions i, j of a tuple: i takes i + j, i - j or j, or the two swap, or
 * one recurrence step (i takes i + j and j takes the old i: the pair walks a Fibonacci-like
 * sequence, which is how Euclid-style loops get their longest runs).
 */
export function tupleArithmetic(a: readonly unknown[], tuple: readonly Shape[], rng: Rng): unknown[] | undefined {
  const numbers = tuple.flatMap((p, k) => (p.kind === 'number' && typeof a[k] === 'number' ? [k] : []));
  if (numbers.length < 2) return undefined;
  const i = rng.pick(numbers);
  const j = rng.pick(numbers.filter((k) => k !== i));
  const [x, y] = [a[i] as number, a[j] as number];
  const [si, sj] = [tuple[i] as Extract<Shape, { kind: 'number' }>, tuple[j] as Extract<Shape, { kind: 'number' }>];
  const out = a.slice();
  const op = rng.int(7);
  if (op < 3) out[i] = clampNumber([x + y, x - y, y][op]!, si);
  else if (op === 3) [out[i], out[j]] = [clampNumber(y, si), clampNumber(x, sj)];
  else if (op === 4) [out[i], out[j]] = [clampNumber(x + y, si), clampNumber(x, sj)];
  else {
    // The step repeated as far as the range allows, from this pair or from the smallest values:
    // one step at a time rarely pays (a longer run only beats the best near the top).
    const start: [number, number] = op === 5 ? [x, y] : [smallest(si) + rng.int(3), smallest(sj) + rng.int(3)];
    [out[i], out[j]] = recurrenceRun(start, si, sj);
  }
  return out;
}

/** Steps to the top: (x, y) → (x + y, x) while both stay in range (positive steps only). */
function recurrenceRun([x, y]: [number, number], si: NumberShape, sj: NumberShape): [number, number] {
  for (let k = 0; k < MAX_RUN && x + y <= si.max && x <= sj.max && x + y > x; k++) [x, y] = [x + y, x];
  return [clampNumber(x, si), clampNumber(y, sj)];
}
/** 1 when the range holds it, else its lower end. */
const smallest = (s: NumberShape) => (s.min <= 1 && s.max >= 1 ? 1 : s.min);
/** Steps in one run at most (a doubling sequence leaves 2^53 within about 80). */
const MAX_RUN = 200;

/** Numeric positions of a record or number tuple: where one element can point at another. */
function numericSlots(item: Shape): { slots: (string | number)[]; shapeOf: (k: string | number) => Shape } | undefined {
  if (item.kind === 'object') {
    const slots = Object.keys(item.fields).filter((k) => item.fields[k]!.kind === 'number');
    return slots.length ? { slots, shapeOf: (k) => item.fields[k as string]! } : undefined;
  }
  if (item.kind === 'array' && item.minLen === item.maxLen && item.maxLen > 1) {
    const shapes = item.tuple ?? Array.from({ length: item.maxLen }, () => item.item);
    const slots = shapes.flatMap((p, i) => (p.kind === 'number' ? [i] : []));
    return slots.length ? { slots, shapeOf: (k) => shapes[k as number]! } : undefined;
  }
  return undefined;
}

/**
 * Chains a run of consecutive elements: element t's field f takes element t-1's field g
 * (e.g. an edge's `from` takes the previous edge's `to`, a pair's first the previous second).
 * Linked chains are what make traversals deep: paths, parent chains, long relaxations.
 */
export function linkRun(a: readonly unknown[], item: Shape, rng: Rng): unknown[] | undefined {
  const numeric = a.length >= 2 ? numericSlots(item) : undefined;
  if (!numeric) return undefined;
  const f = rng.pick(numeric.slots);
  const g = rng.pick(numeric.slots);
  const shape = numeric.shapeOf(f);
  if (shape.kind !== 'number') return undefined;
  const len = 2 + rng.int(a.length - 1);
  const start = rng.int(a.length - len + 1);
  const out = a.slice();
  for (let t = start + 1; t < start + len; t++) {
    const prev = out[t - 1] as Record<string | number, unknown>;
    const v = prev[g];
    if (typeof v !== 'number') return undefined;
    const cur = out[t] as Record<string | number, unknown>;
    const next = (Array.isArray(cur) ? cur.slice() : { ...cur }) as Record<string | number, unknown>;
    next[f] = clampNumber(v, shape);
    out[t] = next;
  }
  return out;
}
