import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { pairsWithSum } from './pairs-with-sum.ts';

const MAX_N = 200;
const MAX_VALUE = 10_000;

interface Input {
  k: number;
  values: number[];
}

const isValue = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= MAX_VALUE;

/** Renders the stdin-style text "n k\na1 a2 ... an". */
export function render({ k, values }: Input): string {
  return `${values.length} ${k}\n${values.join(' ')}`;
}

export default defineTarget<Input>({
  id: 'pairs-with-sum',
  description:
    'Stdin-style pair counting: {k, values} with k and values in [0, 10000] and n = values.length <= 200, ' +
    'rendered as "n k\\na1 ... an"; the function parses the text and, for each i with ai <= k, scans ' +
    'j > i counting ai + aj = k. size = n. Returns the count.',
  fn: (x) => pairsWithSum(render(x)),
  input: fc.record({
    k: fc.integer({ min: 0, max: MAX_VALUE }),
    values: fc.array(fc.integer({ min: 0, max: MAX_VALUE }), { maxLength: MAX_N, size: 'max' }),
  }),
  size: (x) => x.values.length,
  maxSize: MAX_N,
  validate: (x) =>
    typeof x === 'object' &&
    x !== null &&
    isValue(x.k) &&
    Array.isArray(x.values) &&
    x.values.length <= MAX_N &&
    x.values.every(isValue),
  instrument: ['./pairs-with-sum.ts'],
});
