import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { naiveSubstringCount } from './naive-substring.ts';

const MAX_TEXT = 256;
const MAX_PATTERN = 16;
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
const isLetters = (s: unknown): boolean => typeof s === 'string' && /^[a-z]*$/.test(s);

interface Input {
  text: string;
  pattern: string;
}

export default defineTarget<Input>({
  id: 'naive-substring',
  description:
    'Counts (overlapping) occurrences of pattern in text by brute force. Input {text: <= 256 chars a-z, ' +
    'pattern: 1..16 chars a-z}; size = text.length + pattern.length (budget 272). Returns the count.',
  fn: ({ text, pattern }) => naiveSubstringCount(text, pattern),
  input: fc.record({
    text: fc.string({ unit: letter, maxLength: MAX_TEXT, size: 'max' }),
    pattern: fc.string({ unit: letter, minLength: 1, maxLength: MAX_PATTERN, size: 'max' }),
  }),
  size: (x) => x.text.length + x.pattern.length,
  maxSize: MAX_TEXT + MAX_PATTERN,
  validate: (x) =>
    typeof x === 'object' &&
    x !== null &&
    isLetters(x.text) &&
    isLetters(x.pattern) &&
    x.text.length <= MAX_TEXT &&
    x.pattern.length >= 1 &&
    x.pattern.length <= MAX_PATTERN,
  instrument: ['./naive-substring.ts'],
});
