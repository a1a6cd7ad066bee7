import test from 'ava';
import { defineTarget } from '../src/index.js';
import fc from 'fast-check';
test('defineTarget keeps the spec', (t) => {
  const spec = defineTarget({ id: 'x', fn: (a: number[]) => a.length, input: fc.array(fc.nat()), size: (a) => a.length, maxSize: 4, instrument: [] });
  t.is(spec.id, 'x');
});
