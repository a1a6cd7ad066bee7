/** Object mutators: descend into a field, regenerate or cross one field, or combine numeric fields. */
import { conforms } from './conforms.js';
import { clampNumber } from './numbers.js';
import type { MutationContext, Shape } from './shape.js';
import { clone, fromPool, isPlainObject, setOwn, shallowCopy, type Recurse } from './util.js';

export type ObjectShape = Extract<Shape, { kind: 'object' }>;

type Obj = Record<string, unknown>;
type Op = (o: Obj, s: ObjectShape, ctx: MutationContext, r: Recurse) => Obj | undefined;

function withField(o: Obj, k: string, v: unknown): Obj {
  const out = shallowCopy(o);
  setOwn(out, k, v);
  return out;
}

/** Fields of o that the shape knows (others are left alone: nothing says what they may hold). */
function known(o: Obj, s: ObjectShape): string[] {
  return Object.keys(o).filter((k) => Object.hasOwn(s.fields, k));
}

function descend(o: Obj, s: ObjectShape, ctx: MutationContext, r: Recurse): Obj | undefined {
  const keys = known(o, s);
  if (keys.length === 0) return undefined;
  const k = ctx.rng.pick(keys);
  const whole = ctx.donor;
  // Narrowed to the field for the descent, then put back (no context object per call).
  ctx.donor = isPlainObject(whole) && Object.hasOwn(whole, k) ? whole[k] : undefined;
  try {
    return withField(o, k, r.mutate(o[k], s.fields[k]!, ctx));
  } finally {
    ctx.donor = whole;
  }
}

const ops: Op[] = [
  (o, s, { rng }) => {
    // Any known field, so an optional field absent here can appear.
    const k = rng.pick(Object.keys(s.fields));
    const pool = s.fields[k]?.pool as unknown[] | undefined;
    return pool && pool.length > 0 ? withField(o, k, fromPool(pool, rng)) : undefined;
  },
  (o, s, { rng, donor }) => {
    if (!isPlainObject(donor)) return undefined;
    const k = rng.pick(Object.keys(s.fields));
    return k !== undefined && Object.hasOwn(donor, k) && conforms(donor[k], s.fields[k]!) ? withField(o, k, clone(donor[k])) : undefined;
  },
  (o, s, { rng }) => {
    const nums = known(o, s).filter((k) => typeof o[k] === 'number' && s.fields[k]!.kind === 'number');
    if (nums.length === 0) return undefined;
    const f = rng.pick(nums);
    const x = o[f] as number;
    const y = o[rng.pick(nums)] as number;
    return withField(o, f, clampNumber(rng.pick([x + y, x - y, y]), s.fields[f] as Extract<Shape, { kind: 'number' }>));
  },
  (_o, s, { rng }) => fromPool(s.pool, rng),
];

export function mutateObject(o: Obj, s: ObjectShape, ctx: MutationContext, r: Recurse): Obj {
  if (ctx.rng.chance(0.6)) {
    const out = descend(o, s, ctx, r);
    if (out) return out;
  }
  for (let tries = 0; tries < 4; tries++) {
    const out = ctx.rng.pick(ops)(o, s, ctx, r);
    if (out) return out;
  }
  return descend(o, s, ctx, r) ?? o;
}
