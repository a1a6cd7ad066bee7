import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { bstInsert } from './bst-insert.ts';

const MAX_LENGTH = 128;
const MIN = -1000;
const MAX = 1000;

export default defineTarget<number[]>({
  id: 'bst-insert',
  description: 'Inserts every key of an int[] (ints in [-1000, 1000], duplicates allowed and sent right, length <= 128) into an unbalanced binary search tree; returns the in-order keys.',
  fn: (a) => bstInsert(a),
  input: fc.array(fc.integer({ min: MIN, max: MAX }), { maxLength: MAX_LENGTH, size: 'max' }),
  size: (a) => a.length,
  maxSize: MAX_LENGTH,
  validate: (a) =>
    Array.isArray(a) &&
    a.length <= MAX_LENGTH &&
    a.every((x) => Number.isInteger(x) && x >= MIN && x <= MAX),
  instrument: ['./bst-insert.ts'],
});
