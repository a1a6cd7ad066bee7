/**
 * The declared budget rules, not the samples: a string or array whose length is the target's
 * size measure may grow up to `maxSize`, whatever length the arbitrary happened to draw (a
 * fast-check instance left at its default size draws about ten items).
 */
import type { Shape } from './shape.js';

type Sized = Extract<Shape, { kind: 'string' | 'array' }>;

function lengthOf(v: unknown, kind: 'string' | 'array'): number | undefined {
  if (kind === 'string') return typeof v === 'string' ? v.length : undefined;
  return Array.isArray(v) ? v.length : undefined;
}

/** Whether `size(x)` equals the length of the part `pick(x)` on every sample (and some are non-empty). */
function measuresLength(samples: unknown[], size: (x: unknown) => number, pick: (x: unknown) => unknown, kind: 'string' | 'array'): boolean {
  let nonEmpty = false;
  for (const x of samples) {
    let n: number;
    try {
      n = size(x);
    } catch {
      return false;
    }
    const len = lengthOf(pick(x), kind);
    if (len === undefined || len !== n) return false;
    if (len > 0) nonEmpty = true;
  }
  return nonEmpty;
}

function stretched(shape: Sized, maxSize: number): Sized {
  return shape.maxLen >= maxSize ? shape : { ...shape, maxLen: maxSize };
}

/**
 * The shape with the length bound of the value (or of one field of a record) that the size
 * measures raised to `maxSize`. Other shapes are returned unchanged.
 */
export function stretchToBudget(shape: Shape, samples: unknown[], size: (x: unknown) => number, maxSize: number): Shape {
  if (samples.length === 0) return shape;
  if ((shape.kind === 'string' || shape.kind === 'array') && measuresLength(samples, size, (x) => x, shape.kind)) {
    return stretched(shape, maxSize);
  }
  if (shape.kind === 'object') {
    for (const [name, field] of Object.entries(shape.fields)) {
      if (field.kind !== 'string' && field.kind !== 'array') continue;
      const pick = (x: unknown) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[name] : undefined);
      if (measuresLength(samples, size, pick, field.kind)) {
        const fields: Record<string, Shape> = Object.create(null);
        Object.assign(fields, shape.fields, { [name]: stretched(field, maxSize) });
        return { ...shape, fields };
      }
    }
  }
  return shape;
}
