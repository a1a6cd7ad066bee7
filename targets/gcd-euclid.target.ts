import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { gcdEuclid } from './gcd-euclid.ts';

const MAX_INT = 2 ** 31 - 1;
const inRange = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= MAX_INT;

export default defineTarget<[number, number]>({
  id: 'gcd-euclid',
  description:
    "Euclid's gcd by repeated remainder of a tuple [a, b] of ints in [1, 2^31-1]. A needle: size is " +
    'constant 2 (two ints). Returns the gcd.',
  fn: ([a, b]) => gcdEuclid(a, b),
  input: fc.tuple(fc.integer({ min: 1, max: MAX_INT }), fc.integer({ min: 1, max: MAX_INT })),
  size: () => 2,
  maxSize: 2,
  validate: (x) => Array.isArray(x) && x.length === 2 && inRange(x[0]) && inRange(x[1]),
  instrument: ['./gcd-euclid.ts'],
});
