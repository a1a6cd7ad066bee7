/**
 * Type-directed mutation of fast-check generated values. `mutate` returns a new value with one
 * mutation somewhere in the tree (copy on write along the changed path; the input is never
 * modified) and keeps it within the shape's domain.
 */
import { mutateArray } from './arrays.js';
import { mutateNumber, nudgeNumber } from './numbers.js';
import { mutateObject } from './objects.js';
import type { MutationContext, Shape } from './shape.js';
import { mutateString, nudgeString } from './strings.js';
import { fromPool, isPlainObject, kindOf, type Recurse } from './util.js';

export { inferShape } from './infer.js';
export { conforms } from './conforms.js';
export type { Dictionary, MutationContext, Shape } from './shape.js';

const recurse: Recurse = { mutate, nudge };

export function mutate(value: unknown, shape: Shape, ctx: MutationContext): unknown {
  switch (shape.kind) {
    case 'number':
      return typeof value === 'number' ? mutateNumber(value, shape, ctx) : regenerate(value, shape, ctx);
    case 'string':
      return typeof value === 'string' ? mutateString(value, shape, ctx) : regenerate(value, shape, ctx);
    case 'boolean':
      return typeof value === 'boolean' ? !value : regenerate(value, shape, ctx);
    case 'array':
      return Array.isArray(value) ? mutateArray(value, shape, ctx, recurse) : regenerate(value, shape, ctx);
    case 'object':
      return isPlainObject(value) ? mutateObject(value, shape, ctx, recurse) : regenerate(value, shape, ctx);
    case 'other': {
      // Within the variant of the value's own kind (e.g. the number of `number | null`), or from the pool.
      const kind = kindOf(value);
      const variant = shape.variants?.find((v) => v.kind === kind);
      if (variant && (shape.pool.length === 0 || ctx.rng.chance(0.5))) return mutate(value, variant, ctx);
      return regenerate(value, shape, ctx);
    }
  }
}

/** `count` stacked mutations. */
export function havoc(value: unknown, shape: Shape, ctx: MutationContext, count: number): unknown {
  for (let i = 0; i < count; i++) value = mutate(value, shape, ctx);
  return value;
}

/** A small change: a nearby number, a one-char edit, a flip; composites get one mutation. */
function nudge(value: unknown, shape: Shape, ctx: MutationContext): unknown {
  if (shape.kind === 'number' && typeof value === 'number') return nudgeNumber(value, shape, ctx);
  if (shape.kind === 'string' && typeof value === 'string') return nudgeString(value, shape, ctx);
  return mutate(value, shape, ctx);
}

/** A value of the wrong kind for its shape (e.g. from an older corpus) is replaced from the pool. */
function regenerate(value: unknown, shape: Shape, ctx: MutationContext): unknown {
  const x = fromPool(shape.pool as unknown[], ctx.rng);
  return x === undefined ? value : x;
}
