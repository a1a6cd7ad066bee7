import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { collatzSteps } from './collatz-steps.ts';

const MAX_N = 1_000_000;

export default defineTarget<number>({
  id: 'collatz-steps',
  description:
    'Number of Collatz steps until 1 for an int n in [1, 1000000]. A needle: size is constant 1. ' +
    'Returns the step count.',
  fn: (n) => collatzSteps(n),
  input: fc.integer({ min: 1, max: MAX_N }),
  size: () => 1,
  maxSize: 1,
  validate: (n) => Number.isInteger(n) && n >= 1 && n <= MAX_N,
  instrument: ['./collatz-steps.ts'],
});
