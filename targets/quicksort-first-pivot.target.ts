import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { quicksortFirstPivot } from './quicksort-first-pivot.ts';

const MAX_LENGTH = 128;
const MIN = -1000;
const MAX = 1000;

export default defineTarget<number[]>({
  id: 'quicksort-first-pivot',
  description: 'Recursive quicksort with the first element as pivot and a Lomuto-style partition, on a copy of an int[] (ints in [-1000, 1000], length <= 128); returns the sorted copy.',
  fn: (a) => quicksortFirstPivot(a),
  input: fc.array(fc.integer({ min: MIN, max: MAX }), { maxLength: MAX_LENGTH, size: 'max' }),
  size: (a) => a.length,
  maxSize: MAX_LENGTH,
  validate: (a) =>
    Array.isArray(a) &&
    a.length <= MAX_LENGTH &&
    a.every((x) => Number.isInteger(x) && x >= MIN && x <= MAX),
  instrument: ['./quicksort-first-pivot.ts'],
});
