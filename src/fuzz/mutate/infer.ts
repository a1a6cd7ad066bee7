/**
 * Infers a Shape from sample values of a target's arbitrary. All values seen at one position
 * (e.g. every item of every sampled array) are collected and summarized together, so the
 * result does not depend on how samples are grouped, only on their order (for pools).
 */
import type { Shape } from './shape.js';
import { identity, kindOf, type Kind } from './util.js';

const POOL_SIZE = 64;
/** Longest fixed-length array still treated as a tuple when its positions disagree in kind. */
const MAX_TUPLE = 16;

export function inferShape(samples: unknown[]): Shape {
  const kinds = new Set(samples.map(kindOf));
  if (kinds.size === 1) {
    const [kind] = kinds as Set<Kind>;
    if (kind !== 'other') return inferKind(kind, samples);
  }
  const variants: Shape[] = [];
  for (const kind of ['number', 'string', 'boolean', 'array', 'object'] as const) {
    if (kinds.has(kind)) variants.push(inferKind(kind, samples.filter((v) => kindOf(v) === kind)));
  }
  return variants.length > 0 ? { kind: 'other', pool: pool(samples), variants } : { kind: 'other', pool: pool(samples) };
}

function inferKind(kind: Exclude<Kind, 'other'>, values: unknown[]): Shape {
  switch (kind) {
    case 'number':
      return inferNumber(values as number[]);
    case 'string':
      return inferString(values as string[]);
    case 'boolean':
      return { kind: 'boolean', pool: pool(values as boolean[]) };
    case 'array':
      return inferArray(values as unknown[][]);
    case 'object':
      return inferObject(values as Record<string, unknown>[]);
  }
}

function inferNumber(values: number[]): Shape {
  let min = Infinity;
  let max = -Infinity;
  let int = true;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) int = false;
  }
  return { kind: 'number', int, min, max, pool: pool(values) };
}

function inferString(values: string[]): Shape {
  const chars = new Set<string>();
  let minLen = Infinity;
  let maxLen = 0;
  for (const s of values) {
    let len = 0;
    for (const c of s) {
      chars.add(c);
      len++;
    }
    minLen = Math.min(minLen, len);
    maxLen = Math.max(maxLen, len);
  }
  return { kind: 'string', chars: [...chars].sort(), minLen, maxLen, pool: pool(values) };
}

function inferArray(values: unknown[][]): Shape {
  let minLen = Infinity;
  let maxLen = 0;
  for (const a of values) {
    minLen = Math.min(minLen, a.length);
    maxLen = Math.max(maxLen, a.length);
  }
  const item = inferShape(values.flat(1));
  const shape: Shape = { kind: 'array', item, minLen, maxLen, pool: pool(values) };
  if (item.kind === 'other' && minLen === maxLen && maxLen > 0 && maxLen <= MAX_TUPLE) {
    const positions = Array.from({ length: maxLen }, (_, i) => inferShape(values.map((a) => a[i])));
    if (positions.some((p) => p.kind !== 'other')) shape.tuple = positions;
  }
  return shape;
}

function inferObject(values: Record<string, unknown>[]): Shape {
  const byField = new Map<string, unknown[]>();
  for (const o of values) {
    for (const k of Object.keys(o)) {
      let list = byField.get(k);
      if (!list) byField.set(k, (list = []));
      list.push(o[k]);
    }
  }
  // Null prototype: a sampled key such as "__proto__" must stay an ordinary field.
  const fields: Record<string, Shape> = Object.create(null);
  for (const [k, list] of byField) fields[k] = inferShape(list);
  return { kind: 'object', fields, pool: pool(values) };
}

/**
 * Up to POOL_SIZE distinct values in first-seen order (deterministic): the first of each kind
 * and every null, undefined or non-finite number (so an `| null` is never lost to a rare
 * draw), then evenly spaced others.
 */
function pool<T>(values: readonly T[]): T[] {
  const seen = new Set<unknown>();
  const distinct: T[] = [];
  for (const v of values) {
    const key = identity(v);
    if (!seen.has(key)) {
      seen.add(key);
      distinct.push(v);
    }
  }
  if (distinct.length <= POOL_SIZE) return distinct;
  const chosen = new Set<number>();
  const kinds = new Set<Kind>();
  distinct.forEach((v, i) => {
    const kind = kindOf(v);
    if (!kinds.has(kind) || v == null || (typeof v === 'number' && !Number.isFinite(v))) chosen.add(i);
    kinds.add(kind);
  });
  const rest = POOL_SIZE - chosen.size;
  for (let i = 0; i < rest; i++) chosen.add(Math.floor((i * distinct.length) / rest));
  return [...chosen].sort((a, b) => a - b).slice(0, POOL_SIZE).map((i) => distinct[i]!);
}
