import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { dedupeIndexOf } from './dedupe-indexof.ts';

const MAX_LENGTH = 512;
const MIN = -1000;
const MAX = 1000;

export default defineTarget<number[]>({
  id: 'dedupe-indexof',
  description: 'Keeps the first occurrence of each value of an int[] (ints in [-1000, 1000], length <= 512), checking result.indexOf(x); returns the deduplicated array.',
  fn: (a) => dedupeIndexOf(a),
  input: fc.array(fc.integer({ min: MIN, max: MAX }), { maxLength: MAX_LENGTH, size: 'max' }),
  size: (a) => a.length,
  maxSize: MAX_LENGTH,
  validate: (a) =>
    Array.isArray(a) &&
    a.length <= MAX_LENGTH &&
    a.every((x) => Number.isInteger(x) && x >= MIN && x <= MAX),
  instrument: ['./dedupe-indexof.ts'],
});
