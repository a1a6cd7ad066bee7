import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { wordFrequencySort } from './word-frequency-sort.ts';

const MAX_LENGTH = 512;
const char = fc.oneof(
  { arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), weight: 4 },
  { arbitrary: fc.constantFrom(' ', '\n'), weight: 1 },
);

export default defineTarget<string>({
  id: 'word-frequency-sort',
  description:
    'Splits a text (<= 512 chars over a-z, space and newline) into words, counts them, then sorts the ' +
    '(word, count) pairs by count descending with a hand-written stable insertion sort. size = length. ' +
    'Returns the sorted [word, count] pairs.',
  fn: (text) => wordFrequencySort(text),
  input: fc.string({ unit: char, maxLength: MAX_LENGTH, size: 'max' }),
  size: (text) => text.length,
  maxSize: MAX_LENGTH,
  validate: (text) => typeof text === 'string' && text.length <= MAX_LENGTH && /^[a-z \n]*$/.test(text),
  instrument: ['./word-frequency-sort.ts'],
});
