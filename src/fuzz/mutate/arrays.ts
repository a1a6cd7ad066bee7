/**
 * Array mutators: descend into a uniformly chosen element, or apply one whole-array operation.
 * Length stays within [minLen, maxLen]; a fixed-length array (a tuple) never changes length.
 */
import type { Rng } from '../rng.js';
import { conforms } from './conforms.js';
import { linkRun, makeAllDistinct, makeAllEqual, siblingArithmetic, sortArray, tupleArithmetic } from './perf-ops.js';
import * as seq from './seq.js';
import type { MutationContext, Shape } from './shape.js';
import { clone, fromPool, type Recurse } from './util.js';

export type ArrayShape = Extract<Shape, { kind: 'array' }>;

interface Env {
  s: ArrayShape;
  ctx: MutationContext;
  r: Recurse;
  /** The array being mutated (what new elements copy from); undefined: no new elements. */
  a?: readonly unknown[];
}

/**
 * A new element: a copy of an existing one, a pool item, or a mutated copy (undefined: none).
 * A plain function of Env, not a closure made per call: this is the fuzzer's hot path.
 */
function newItem(e: Env): unknown {
  const { a, s, ctx, r } = e;
  if (!a) return undefined;
  const rng = ctx.rng;
  const roll = rng.int(3);
  if (a.length > 0 && (roll === 0 || s.item.pool.length === 0)) return clone(rng.pick(a));
  const x = fromPool(s.item.pool as unknown[], rng);
  return roll === 2 && x !== undefined ? r.mutate(x, s.item, { ...ctx, donor: undefined }) : x;
}


type Op = (a: unknown[], e: Env) => unknown[] | undefined;

/** Arrays for the sequence ops; copies are deep so no value ends up in two places. */
const list: seq.Seq<unknown[], unknown> = {
  len: (a) => a.length,
  slice: (a, i, j) => a.slice(i, j),
  cat: (...parts) => ([] as unknown[]).concat(...parts),
  at: (a, i) => a[i],
  of: (items) => items,
  items: (a) => a.slice(),
  copy: (a) => clone(a),
  repeat: (a, n) => {
    const out: unknown[] = [];
    for (let k = 0; k < n; k++) for (let i = 0; i < a.length; i++) out.push(clone(a[i]));
    return out;
  },
};

/** Donor material for position i: the donor's element there, else any of its elements. */
function donorAt(donor: unknown, i: number, rng: Rng): unknown {
  if (!Array.isArray(donor) || donor.length === 0) return undefined;
  return i < donor.length ? donor[i] : donor[rng.int(donor.length)];
}

function descend(a: unknown[], { s, ctx, r }: Env, shapeAt = (_i: number) => s.item): unknown[] | undefined {
  if (a.length === 0) return undefined;
  const i = ctx.rng.int(a.length);
  const out = a.slice();
  // The donor narrows to the matching element for the descent, then is put back: no context
  // object per call on this, the commonest path.
  const donor = ctx.donor;
  ctx.donor = donorAt(donor, i, ctx.rng);
  try {
    out[i] = r.mutate(a[i], shapeAt(i), ctx);
  } finally {
    ctx.donor = donor;
  }
  return out;
}

const ops: Op[] = [
  (a, e) => {
    const { s, ctx } = e;
    const x = newItem(e);
    return x === undefined ? undefined : seq.insertAt(list, a, s, [x], ctx.rng);
  },
  (a, { s, ctx }) => seq.remove(list, a, s, ctx.rng),
  (a, { s, ctx }) => {
    // Duplicate one element next to itself.
    if (a.length === 0 || a.length >= s.maxLen) return undefined;
    const i = ctx.rng.int(a.length);
    return list.cat(a.slice(0, i + 1), [clone(a[i])], a.slice(i + 1));
  },
  (a, { ctx }) => seq.swap(list, a, ctx.rng),
  (a) => seq.reverse(list, a),
  (a, { s, ctx }) => sortArray(a, s.item, false, ctx.rng),
  (a, { s, ctx }) => sortArray(a, s.item, true, ctx.rng),
  (a, { ctx }) => makeAllEqual(a, ctx.rng),
  (a, { s, ctx, r }) => makeAllDistinct(a, s.item, ctx, r),
  (a, e) => seq.repeatFill(list, a, e.s.minLen === e.s.maxLen ? a.length : e.s.maxLen, () => newItem(e), e.ctx.rng),
  (a, { s, ctx }) => {
    // Fill to maxLen with copies of one element, or with pool items.
    if (a.length >= s.maxLen) return undefined;
    const one = a.length > 0 && (s.item.pool.length === 0 || ctx.rng.chance(0.5)) ? ctx.rng.pick(a) : undefined;
    if (one === undefined && s.item.pool.length === 0) return undefined;
    const out = a.slice();
    while (out.length < s.maxLen) out.push(one !== undefined ? clone(one) : fromPool(s.item.pool as unknown[], ctx.rng));
    return out;
  },
  (a, { ctx }) => {
    if (a.length < 2) return undefined;
    const out = a.slice();
    out[ctx.rng.int(a.length)] = clone(ctx.rng.pick(a));
    return out;
  },
  (a, { s, ctx }) => {
    if (!Array.isArray(ctx.donor)) return undefined;
    // Only the slice taken from the donor is checked and copied, not the whole donor.
    return seq.crossover(list, a, ctx.donor, s, ctx.rng, (part) => clone(part.filter((x) => conforms(x, s.item))));
  },
  (a, { s, ctx }) => siblingArithmetic(a, s.item, ctx.rng),
  (a, { s, ctx }) => linkRun(a, s.item, ctx.rng),
  (_a, { s, ctx }) => fromPool(s.pool, ctx.rng),
];

export function mutateArray(a: unknown[], s: ArrayShape, ctx: MutationContext, r: Recurse): unknown[] {
  if (s.tuple) return mutateTuple(a, s, s.tuple, ctx, r);
  const { rng } = ctx;
  const env: Env = { s, ctx, r, a };
  const chosen = rng.chance(0.5) ? descend(a, env) : undefined;
  if (chosen) return chosen;
  for (let tries = 0; tries < 8; tries++) {
    const out = rng.pick(ops)(a, env);
    if (out) return seq.fitLength(list, out, s, () => newItem(env));
  }
  return descend(a, env) ?? a;
}

/** Positions of a tuple differ in kind, so elements never move: mutate, regenerate, or cross one. */
function mutateTuple(a: unknown[], s: ArrayShape, tuple: Shape[], ctx: MutationContext, r: Recurse): unknown[] {
  const { rng } = ctx;
  const roll = rng.int(5);
  if (roll === 0 && s.pool.length > 0) return fromPool(s.pool, rng)!;
  if (roll === 4) {
    const out = tupleArithmetic(a, tuple, rng);
    if (out) return out;
  }
  if (roll === 1 && Array.isArray(ctx.donor) && a.length > 0) {
    const i = rng.int(a.length);
    if (conforms(ctx.donor[i], tuple[i]!)) {
      const out = a.slice();
      out[i] = clone(ctx.donor[i]);
      return out;
    }
  }
  return descend(a, { s, ctx, r }, (i) => tuple[i] ?? s.item) ?? a;
}
