import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { weakHashTableInsert } from './weak-hash-table.ts';

const MAX_LENGTH = 128;
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');

export default defineTarget<string[]>({
  id: 'weak-hash-table',
  description:
    'Inserts strings (each 1..8 chars a-z, up to 128 of them) into a chained hash table of 64 buckets, ' +
    'hash = sum of char codes mod 64, skipping duplicates by scanning the bucket. size = number of strings. ' +
    'Returns the number of distinct strings stored.',
  fn: (words) => weakHashTableInsert(words),
  input: fc.array(fc.string({ unit: letter, minLength: 1, maxLength: 8, size: 'max' }), { maxLength: MAX_LENGTH, size: 'max' }),
  size: (words) => words.length,
  maxSize: MAX_LENGTH,
  validate: (words) =>
    Array.isArray(words) &&
    words.length <= MAX_LENGTH &&
    words.every((w) => typeof w === 'string' && /^[a-z]{1,8}$/.test(w)),
  instrument: ['./weak-hash-table.ts'],
});
