/** Number mutators: small steps, scaling, boundaries, dictionary literals, random draws. */
import type { MutationContext, Shape } from './shape.js';
import { smallIntOrSelf } from '../clone.js';
import { unit53 } from './util.js';

export type NumberShape = Extract<Shape, { kind: 'number' }>;

/** Into the shape's domain: rounded when int, clamped to [min, max]. */
export function clampNumber(x: number, s: NumberShape): number {
  if (Number.isNaN(x)) return s.min;
  if (s.int) x = Math.round(x);
  x = Math.min(s.max, Math.max(s.min, x));
  // Integers as small integers (see isSmallInt); -0 becomes 0, as in the JSON corpus anyway.
  return s.int ? smallIntOrSelf(x === 0 ? 0 : x) : x;
}

/** A nearby value, for "make distinct" and other light touches. */
export function nudgeNumber(x: number, s: NumberShape, ctx: MutationContext): number {
  const step = ctx.rng.range(1, 16) * (s.int ? 1 : ctx.rng.float());
  return clampNumber(ctx.rng.chance(0.5) ? x + step : x - step, s);
}

type Op = (x: number, s: NumberShape, ctx: MutationContext) => number;

const ops: Op[] = [
  (x, _s, { rng }) => (rng.chance(0.5) ? x + 1 : x - 1),
  (x, s, ctx) => nudgeNumber(x, s, ctx),
  (x) => x * 2,
  (x, s) => (s.int ? Math.trunc(x / 2) : x / 2),
  (x) => -x,
  (_x, s, { rng }) => rng.pick([s.min, s.max, 0, 1, -1].filter((b) => b >= s.min && b <= s.max)),
  (x, s, ctx) => (ctx.dictionary.numbers.length > 0 ? ctx.rng.pick(ctx.dictionary.numbers) : uniform(x, s, ctx)),
  (x, s, ctx) => uniform(x, s, ctx),
  (_x, s, { rng }) => {
    // Log-uniform magnitude: every order of magnitude up to the range's edge is equally likely.
    const top = Math.log2(Math.max(Math.abs(s.min), Math.abs(s.max)) + 1);
    const mag = 2 ** (rng.float() * top) - 1;
    return rng.chance(0.5) ? mag : -mag;
  },
  (x, s, { rng }) => (s.pool.length > 0 ? rng.pick(s.pool) : x),
];

function uniform(_x: number, s: NumberShape, ctx: MutationContext): number {
  const u = unit53(ctx.rng);
  // Interpolated for floats: max - min may overflow to Infinity.
  return s.int ? s.min + Math.floor(u * (s.max - s.min + 1)) : s.min * (1 - u) + s.max * u;
}

export function mutateNumber(x: number, s: NumberShape, ctx: MutationContext): number {
  return clampNumber(ctx.rng.pick(ops)(x, s, ctx), s);
}
