/** Small helpers shared by the mutators: value kinds, copies, identity keys, random picks. */
import type { Rng } from '../rng.js';
import type { MutationContext, Shape } from './shape.js';

export type Kind = 'number' | 'string' | 'boolean' | 'array' | 'object' | 'other';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function kindOf(v: unknown): Kind {
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : 'other';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return 'array';
  if (isPlainObject(v)) return 'object';
  return 'other';
}

/**
 * Deep copy of arrays and plain objects. Used whenever one value is placed twice, so that a
 * target mutating its input in place cannot see two positions change at once (an alias that a
 * JSON round-trip of the corpus would not reproduce).
 */
export function clone<T>(v: T): T {
  // Primitives first: they are most of what gets copied, and this keeps the call inlinable.
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    // A copy pushed one by one stays packed; map() would make it holey.
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) out.push(clone(v[i]));
    return out as T;
  }
  if (isPlainObject(v)) {
    const out = emptyLike(v);
    for (const k of Object.keys(v)) setOwn(out, k, clone(v[k]));
    return out as T;
  }
  return v;
}

/** Copy-on-write step for an object: same prototype, same own keys. */
export function shallowCopy(o: Record<string, unknown>): Record<string, unknown> {
  const out = emptyLike(o);
  for (const k of Object.keys(o)) setOwn(out, k, o[k]);
  return out;
}

/** Sets an own data property, even for the key "__proto__" (which `o[k] = v` would not). */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

function emptyLike(o: object): Record<string, unknown> {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype ? {} : Object.create(proto);
}

/** Equality key: the value itself for primitives, its JSON text for composites. */
export function identity(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
}

/** A cloned pool pick, or undefined when the pool is empty. */
export function fromPool<T>(pool: readonly T[], rng: Rng): T | undefined {
  return pool.length === 0 ? undefined : clone(rng.pick(pool));
}

/** Uniform in [0, 1) with 53 bits, so wide integer ranges are reachable everywhere. */
export function unit53(rng: Rng): number {
  return (rng.u32() * 2097152 + (rng.u32() >>> 11)) / 9007199254740992;
}

/** Order for sort keys: numbers numerically, strings by code unit. */
export function compareKeys(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The general mutators, handed to the container mutators so they can descend without an
 * import cycle: `mutate` applies any mutation, `nudge` a small one (for "make distinct").
 */
export interface Recurse {
  mutate(value: unknown, shape: Shape, ctx: MutationContext): unknown;
  nudge(value: unknown, shape: Shape, ctx: MutationContext): unknown;
}
