import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
import { isWordList } from './regex-nested-quantifier.ts';

const MAX_LENGTH = 28;

export default defineTarget<string>({
  id: 'regex-nested-quantifier',
  description:
    'Tests /^(\\w+\\s?)*$/ on a string of <= 28 printable ASCII chars (0x20..0x7e); ' +
    'size = length. Returns the match result. Cost sits in the V8 RegExp engine.',
  fn: (s) => isWordList(s),
  input: fc.string({ maxLength: MAX_LENGTH, size: 'max' }),
  size: (s) => s.length,
  maxSize: MAX_LENGTH,
  validate: (s) => typeof s === 'string' && s.length <= MAX_LENGTH && /^[\x20-\x7e]*$/.test(s),
  instrument: ['./regex-nested-quantifier.ts'],
});
