import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { bubbleSortEarlyExit } from './bubble-sort-early-exit.ts';

const MAX_LENGTH = 64;
const MIN = -1000;
const MAX = 1000;

export default defineTarget<number[]>({
  id: 'bubble-sort-early-exit',
  description: 'Bubble sort (each pass one shorter) that stops after a pass with no swap, on a copy of an int[] (ints in [-1000, 1000], length <= 64); returns the sorted copy.',
  fn: (a) => bubbleSortEarlyExit(a),
  input: fc.array(fc.integer({ min: MIN, max: MAX }), { maxLength: MAX_LENGTH, size: 'max' }),
  size: (a) => a.length,
  maxSize: MAX_LENGTH,
  validate: (a) =>
    Array.isArray(a) &&
    a.length <= MAX_LENGTH &&
    a.every((x) => Number.isInteger(x) && x >= MIN && x <= MAX),
  instrument: ['./bubble-sort-early-exit.ts'],
});
