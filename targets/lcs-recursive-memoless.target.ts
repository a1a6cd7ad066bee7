import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { lcsLength } from './lcs-recursive-memoless.ts';

const MAX_LENGTH = 12;
const ab = fc.constantFrom('a', 'b');
const isAb = (s: unknown): boolean => typeof s === 'string' && s.length <= MAX_LENGTH && /^[ab]*$/.test(s);

export default defineTarget<[string, string]>({
  id: 'lcs-recursive-memoless',
  description:
    'Longest common subsequence length by plain recursion without memoisation, on a tuple of two ' +
    'strings over {a, b}, each <= 12 chars. size = total length (budget 24). Returns the LCS length.',
  fn: ([x, y]) => lcsLength(x, y),
  input: fc.tuple(fc.string({ unit: ab, maxLength: MAX_LENGTH, size: 'max' }), fc.string({ unit: ab, maxLength: MAX_LENGTH, size: 'max' })),
  size: ([x, y]) => x.length + y.length,
  maxSize: 2 * MAX_LENGTH,
  validate: (x) => Array.isArray(x) && x.length === 2 && isAb(x[0]) && isAb(x[1]),
  instrument: ['./lcs-recursive-memoless.ts'],
});
