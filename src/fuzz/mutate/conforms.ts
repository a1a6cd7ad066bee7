/** Whether a value lies in a shape's domain; used to keep foreign donor material out. */
import type { Shape } from './shape.js';
import { alphabet, inPool } from './memo.js';
import { isPlainObject } from './util.js';

export function conforms(v: unknown, shape: Shape): boolean {
  switch (shape.kind) {
    case 'number':
      return typeof v === 'number' && ((v >= shape.min && v <= shape.max && (!shape.int || Number.isInteger(v))) || shape.pool.includes(v));
    case 'string':
      return typeof v === 'string' && stringConforms(v, shape);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array': {
      if (!Array.isArray(v) || v.length < shape.minLen || v.length > shape.maxLen) return false;
      const { tuple, item } = shape;
      return v.every((x, i) => conforms(x, tuple ? tuple[i]! : item));
    }
    case 'object':
      return isPlainObject(v) && Object.keys(v).every((k) => Object.hasOwn(shape.fields, k) && conforms(v[k], shape.fields[k]!));
    case 'other': {
      return shape.variants?.some((s) => conforms(v, s)) || inPool(shape, v);
    }
  }
}

function stringConforms(s: string, shape: Extract<Shape, { kind: 'string' }>): boolean {
  const chars = alphabet(shape).set;
  let len = 0;
  for (const c of s) {
    if (!chars.has(c)) return false;
    len++;
  }
  return len >= shape.minLen && len <= shape.maxLen;
}
