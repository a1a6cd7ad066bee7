import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { unionFindCount } from './union-find-naive.ts';

const N = 128;
const MAX_PAIRS = 128;
const element = fc.integer({ min: 0, max: N - 1 });
const isElement = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0 && (x as number) < N;

export default defineTarget<[number, number][]>({
  id: 'union-find-naive',
  description:
    'Union-find on n = 128 elements without rank or path compression: union(a, b) sets ' +
    'parent[find(a)] = find(b); applies <= 128 pairs [a, b] (0 <= a, b < 128), then calls find on ' +
    'every element. size = number of pairs. Returns the number of sets.',
  fn: (pairs) => unionFindCount(N, pairs),
  input: fc.array(fc.tuple(element, element), { maxLength: MAX_PAIRS, size: 'max' }),
  size: (pairs) => pairs.length,
  maxSize: MAX_PAIRS,
  validate: (pairs) =>
    Array.isArray(pairs) &&
    pairs.length <= MAX_PAIRS &&
    pairs.every((p) => Array.isArray(p) && p.length === 2 && isElement(p[0]) && isElement(p[1])),
  instrument: ['./union-find-naive.ts'],
});
