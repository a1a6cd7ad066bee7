/** Per-shape facts computed once (a shape is immutable once inferred), so each mutation stays O(size). */
import type { Shape } from './shape.js';
import { identity } from './util.js';

type StringShape = Extract<Shape, { kind: 'string' }>;

export interface Alphabet {
  set: ReadonlySet<string>;
  /** Whether some char is a surrogate pair: then strings must be split by code point. */
  astral: boolean;
}

const alphabets = new WeakMap<StringShape, Alphabet>();
const poolKeys = new WeakMap<Shape, ReadonlySet<unknown>>();

export function alphabet(shape: StringShape): Alphabet {
  let a = alphabets.get(shape);
  if (!a) alphabets.set(shape, (a = { set: new Set(shape.chars), astral: shape.chars.some((c) => c.length > 1) }));
  return a;
}

export function inPool(shape: Shape, v: unknown): boolean {
  let keys = poolKeys.get(shape);
  if (!keys) poolKeys.set(shape, (keys = new Set((shape.pool as unknown[]).map(identity))));
  return keys.has(identity(v));
}
