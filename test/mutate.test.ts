import test from 'ava';
import { clampNumber } from '../src/fuzz/mutate/numbers.js';
import { rebuildValue } from '../src/runtime/clone.js';
import fc from 'fast-check';
import { Rng } from '../src/fuzz/rng.js';
import { havoc, inferShape, mutate } from '../src/fuzz/mutate/index.js';
import type { MutationContext, Shape } from '../src/fuzz/mutate/shape.js';
import * as require_perfOps from '../src/fuzz/mutate/perf-ops.js';

// Size 'max' whenever a maxLength is given, so samples reach the stated bounds.
fc.configureGlobal({ defaultSizeToMaxWhenMaxSpecified: true });

const sample = <T>(arb: fc.Arbitrary<T>): T[] => fc.sample(arb, { numRuns: 200, seed: 1 });
const az = 'abcdefghijklmnopqrstuvwxyz';
const ctxOf = (seed: number, strings: string[] = [], numbers: number[] = []): MutationContext => ({
  rng: new Rng(seed),
  dictionary: { strings, numbers },
});

/** Independent domain check; returns the path of the first violation. */
function violation(v: unknown, s: Shape, path = '$'): string | undefined {
  const bad = (why: string) => `${path}: ${why} (${JSON.stringify(v)?.slice(0, 80)})`;
  switch (s.kind) {
    case 'number':
      if (typeof v !== 'number') return bad('not a number');
      if (v < s.min || v > s.max) return bad(`outside [${s.min}, ${s.max}]`);
      return s.int && !Number.isInteger(v) ? bad('not an integer') : undefined;
    case 'string': {
      if (typeof v !== 'string') return bad('not a string');
      const chars = [...v];
      if (chars.length < s.minLen || chars.length > s.maxLen) return bad(`length ${chars.length}`);
      const foreign = chars.find((c) => !s.chars.includes(c));
      return foreign === undefined ? undefined : bad(`char ${JSON.stringify(foreign)}`);
    }
    case 'boolean':
      return typeof v === 'boolean' ? undefined : bad('not a boolean');
    case 'array': {
      if (!Array.isArray(v)) return bad('not an array');
      if (v.length < s.minLen || v.length > s.maxLen) return bad(`length ${v.length}`);
      for (let i = 0; i < v.length; i++) {
        const why = violation(v[i], s.tuple ? s.tuple[i]! : s.item, `${path}[${i}]`);
        if (why) return why;
      }
      return undefined;
    }
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad('not an object');
      for (const [k, x] of Object.entries(v)) {
        if (!(k in s.fields)) return bad(`unknown field ${k}`);
        const why = violation(x, s.fields[k]!, `${path}.${k}`);
        if (why) return why;
      }
      return undefined;
    }
    case 'other': {
      if (s.variants?.some((variant) => violation(v, variant) === undefined)) return undefined;
      return s.pool.some((p) => JSON.stringify(p) === JSON.stringify(v)) ? undefined : bad('not in pool');
    }
  }
}

/** Whether some array or object is reachable twice (a target mutating it in place would see both change). */
function aliased(v: unknown, seen = new Set<object>()): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (seen.has(v)) return true;
  seen.add(v);
  return Object.values(v).some((x) => aliased(x, seen));
}

/** Chains of mutations from random samples, with random samples as donors. */
function* walk(samples: unknown[], shape: Shape, steps: number, seed = 7, dict: string[] = []) {
  const ctx = ctxOf(seed, dict, [0, 3, 1e9, -7]);
  const pick = new Rng(seed + 1);
  let v: unknown = undefined;
  for (let i = 0; i < steps; i++) {
    if (i % 25 === 0) v = structuredClone(pick.pick(samples));
    ctx.donor = pick.pick(samples);
    const before = v;
    const saved = structuredClone(v);
    v = mutate(v, shape, ctx);
    yield { before, saved, after: v };
  }
}

test('inferShape: int arrays give ranges, int flag and lengths', (t) => {
  const shape = inferShape(sample(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 64 })));
  t.is(shape.kind, 'array');
  if (shape.kind !== 'array' || shape.item.kind !== 'number') return t.fail();
  t.deepEqual([shape.item.int, shape.item.min, shape.item.max], [true, -1000, 1000]);
  t.is(shape.minLen, 0);
  t.is(shape.maxLen, 64);
  t.true(shape.pool.length <= 64 && shape.item.pool.length <= 64);
});

test('inferShape: strings, records, mixed kinds, tuples; deterministic', (t) => {
  const str = inferShape(sample(fc.string({ unit: fc.constantFrom(...az), maxLength: 30 })));
  if (str.kind !== 'string') return t.fail();
  t.deepEqual(str.chars, [...az]);
  t.is(str.maxLen, 30);

  const rec = inferShape([{ a: 1, b: 'x' }, { a: 2.5, b: 'yz' }, { a: 3 }]);
  if (rec.kind !== 'object') return t.fail();
  t.like(rec.fields.a, { kind: 'number', int: false, min: 1, max: 3 });
  t.like(rec.fields.b, { kind: 'string', chars: ['x', 'y', 'z'], minLen: 1, maxLen: 2 });

  const mixed = inferShape([1, 'a', null]);
  t.is(mixed.kind, 'other');
  t.deepEqual(mixed.pool, [1, 'a', null]);

  const tup = inferShape(sample(fc.tuple(fc.string({ maxLength: 10 }), fc.nat(9))));
  if (tup.kind !== 'array') return t.fail();
  t.is(tup.item.kind, 'other');
  t.deepEqual(tup.tuple?.map((p) => p.kind), ['string', 'number']);

  const samples = sample(fc.array(fc.record({ from: fc.nat(50), to: fc.nat(50), w: fc.integer() }), { maxLength: 30 }));
  t.deepEqual(inferShape(samples), inferShape(samples));
});

const arbitraries: [string, fc.Arbitrary<unknown>][] = [
  ['int arrays', fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 64 })],
  ['a-z strings', fc.string({ unit: fc.constantFrom(...az), maxLength: 64 })],
  ['records {text, pattern}', fc.record({ text: fc.string({ maxLength: 50 }), pattern: fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 8 }) })],
  ['arrays of [a, b] tuples', fc.array(fc.tuple(fc.nat(100), fc.nat(100)), { maxLength: 40 })],
  ['arrays of {from, to, w}', fc.array(fc.record({ from: fc.nat(30), to: fc.nat(30), w: fc.integer({ min: -5, max: 50 }) }), { maxLength: 40 })],
  ['tuples of two ints', fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: 0, max: 1e6 }))],
  ['mixed tuples and options', fc.array(fc.tuple(fc.string({ maxLength: 5 }), fc.option(fc.double({ min: 0, max: 1, noNaN: true }))), { maxLength: 10 })],
  ['nested arrays of booleans', fc.array(fc.array(fc.boolean(), { minLength: 2, maxLength: 6 }), { maxLength: 10 })],
  ['full-unicode strings', fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), { maxLength: 5 })],
  ['optional records', fc.array(fc.option(fc.record({ id: fc.nat(9), tags: fc.array(fc.constantFrom('x', 'y'), { maxLength: 3 }) })), { maxLength: 8 })],
];

for (const [name, arb] of arbitraries) {
  test(`10,000 mutations stay in domain and never modify the input: ${name}`, (t) => {
    const samples = sample(arb);
    const shape = inferShape(samples);
    let changed = 0;
    for (const { before, saved, after } of walk(samples, shape, 10_000, 7, ['XYZ', 'ab*', '\u{1F600}'])) {
      t.deepEqual(before, saved, 'the input was modified');
      const why = violation(after, shape) ?? (aliased(after) ? 'a sub-value is shared' : undefined);
      if (why) return t.fail(why);
      if (JSON.stringify(after) !== JSON.stringify(saved)) changed++;
    }
    t.true(changed > 5_000, `only ${changed} mutations changed the value`);
  });
}

test('mutation is deterministic for a seed', (t) => {
  const samples = sample(fc.array(fc.record({ from: fc.nat(30), to: fc.nat(30), w: fc.integer() }), { maxLength: 40 }));
  const shape = inferShape(samples);
  const run = (seed: number) => [...walk(samples, shape, 500, seed)].map((s) => s.after);
  t.deepEqual(run(3), run(3));
  t.notDeepEqual(run(3), run(4));
  const h = (seed: number) => havoc(samples[5], shape, { ...ctxOf(seed), donor: samples[9] }, 16);
  t.deepEqual(h(1), h(1));
});

test('perf-minded operators are reachable: sorted descending at full length, all equal, one repeated char at maxLen', (t) => {
  const ints = sample(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 64 }));
  const intShape = inferShape(ints);
  let descending = false;
  let allEqual = false;
  for (const { after } of walk(ints, intShape, 5_000)) {
    const a = after as number[];
    if (a.length === 64 && new Set(a).size > 1 && a.every((x, i) => i === 0 || a[i - 1]! >= x)) descending = true;
    if (a.length >= 2 && a.every((x) => x === a[0])) allEqual = true;
  }
  t.true(descending, 'no non-increasing array of full length');
  t.true(allEqual, 'no all-equal array');

  const strs = sample(fc.string({ unit: fc.constantFrom(...az), maxLength: 64 }));
  const strShape = inferShape(strs);
  let repeated = false;
  for (const { after } of walk(strs, strShape, 5_000)) {
    const s = after as string;
    if (s.length === 64 && s === s[0]!.repeat(64)) repeated = true;
  }
  t.true(repeated, 'no string of one char repeated to maxLen');
});

test('make-all-distinct and sort-by-field are reachable in one mutation', (t) => {
  const ints = inferShape(sample(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 16 })));
  const same = [5, 5, 5, 5, 5, 5];
  const ctx = ctxOf(2);
  let distinct = false;
  for (let i = 0; i < 2_000 && !distinct; i++) {
    const a = mutate(same, ints, ctx) as number[];
    distinct = a.length === 6 && new Set(a).size === 6;
  }
  t.true(distinct, 'no all-distinct result');

  const edges = sample(fc.array(fc.record({ from: fc.nat(30), to: fc.nat(30), w: fc.nat(50) }), { minLength: 10, maxLength: 10 }));
  const shape = inferShape(edges);
  const input = edges[0]!;
  const byW = (a: typeof input) => a.every((e, i) => i === 0 || a[i - 1]!.w <= e.w);
  t.false(byW(input));
  let sorted = false;
  for (let i = 0; i < 2_000 && !sorted; i++) {
    const a = mutate(input, shape, ctx) as typeof input;
    sorted = byW(a) && JSON.stringify([...a].sort((x, y) => x.w - y.w)) === JSON.stringify(a) && a.length === 10 && new Set(a.map((e) => JSON.stringify(e))).size === new Set(input.map((e) => JSON.stringify(e))).size;
  }
  t.true(sorted, 'no result sorted by w');
});

test('dictionary tokens are filtered to the alphabet', (t) => {
  const samples = sample(fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 20 }));
  const shape = inferShape(samples);
  let spliced = false;
  for (const { after } of walk(samples, shape, 3_000, 5, ['xaby', 'zz'])) {
    t.regex(after as string, /^[ab]*$/);
    if ((after as string).includes('ab')) spliced = true;
  }
  t.true(spliced);
});

test('one mutation is O(size): 200 mutations of a 100,000-char string and a 100,000-int array', (t) => {
  const str = inferShape(['a'.repeat(100_000), 'xyz']);
  let s: unknown = 'abc'.repeat(33_333);
  const ctx = ctxOf(11, ['needle'], [42]);
  for (let i = 0; i < 200; i++) s = mutate(s, str, ctx);
  t.true((s as string).length <= 100_000);

  const big = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 1000);
  const arr = inferShape([big, [1, 2]]);
  let a: unknown = big;
  for (let i = 0; i < 200; i++) a = mutate(a, arr, { ...ctx, donor: big });
  t.true((a as number[]).length <= 100_000);
  t.is(violation(a, arr), undefined);
});

test('link-run chains consecutive records: an edge starts where the previous one ended', (t) => {
  const { linkRun } = require_perfOps;
  const item = inferShape([{ from: 0, to: 9, w: 1 }, { from: 5, to: 2, w: 7 }, { from: 9, to: 0, w: 100 }]);
  const edges = [{ from: 1, to: 2, w: 3 }, { from: 7, to: 8, w: 4 }, { from: 4, to: 6, w: 5 }, { from: 3, to: 5, w: 6 }];
  const frozen = JSON.stringify(edges);
  const rng = new Rng(11);
  let chained = 0;
  for (let k = 0; k < 500; k++) {
    const out = linkRun(edges, item, rng) as typeof edges | undefined;
    if (!out) continue;
    t.is(out.length, edges.length);
    for (let i = 1; i < out.length; i++) if (out[i]!.from === out[i - 1]!.to && edges[i]!.from !== edges[i - 1]!.to) chained++;
  }
  t.true(chained > 0);
  t.is(JSON.stringify(edges), frozen, 'the input is not modified');
});

test('integers come out as plain integers: -0 becomes 0 in an integer domain, rebuilt values keep their value', (t) => {
  const int = { kind: 'number' as const, int: true, min: -10, max: 10, pool: [] };
  t.true(Object.is(clampNumber(-0, int), 0));
  t.true(Object.is(clampNumber(-0.4, int), 0));
  t.is(clampNumber(7.6, int), 8);
  // Rebuilt values are equal to the originals, -0 included (a float domain may mean it).
  const v = [1, -0, 2.5, 2 ** 40, { a: [3, 4] }];
  const r = rebuildValue(v);
  t.deepEqual(r, v);
  t.true(Object.is(r[1], -0));
  t.not(r, v);
});

test('sibling arithmetic on a number array: sums, differences, copies, and runs of recurrence steps to the top of the range', (t) => {
  const int = { kind: 'number' as const, int: true, min: 1, max: 100, pool: [] };
  const rng = new Rng(11);
  const seen = new Set<string>();
  for (let k = 0; k < 400; k++) {
    const out = require_perfOps.siblingArithmetic([5, 3], int, rng)!;
    t.true(out.every((x) => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 100));
    seen.add(JSON.stringify(out));
  }
  // One value changed: 5 + 3, 5 - 3, 3 + 5, 3 - 5 (clamped), 5 + 5; a run from (5, 3) or from (1, 1) ends at (89, 55).
  for (const pair of [[8, 3], [2, 3], [5, 8], [5, 1], [10, 3], [89, 55], [55, 89]]) t.true(seen.has(JSON.stringify(pair)), `missing ${JSON.stringify(pair)}`);
});

test('tuple arithmetic: sums, differences, copies, swaps, recurrence steps and runs of them between number positions, within range', (t) => {
  const int = { kind: 'number' as const, int: true, min: 1, max: 100, pool: [] };
  const text = { kind: 'string' as const, chars: ['a'], minLen: 0, maxLen: 3, pool: [] };
  const rng = new Rng(7);
  const seen = new Set<string>();
  for (let k = 0; k < 400; k++) {
    const out = require_perfOps.tupleArithmetic([5, 'a', 3], [int, text, int], rng);
    t.truthy(out);
    t.is(out![1], 'a', 'other positions are left alone');
    t.true([out![0], out![2]].every((x) => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 100));
    seen.add(JSON.stringify([out![0], out![2]]));
  }
  // i = 0, j = 2 (x = 5, y = 3) and i = 2, j = 0 (x = 3, y = 5; 3 - 5 clamps to 1).
  // Runs of the step to the top of the range: from (5, 3) and (3, 5), and from small starts (Fibonacci numbers).
  for (const pair of [[8, 3], [2, 3], [3, 3], [3, 5], [8, 5], [5, 8], [5, 1], [5, 5], [3, 8], [89, 55], [49, 79]]) t.true(seen.has(JSON.stringify(pair)), `missing ${JSON.stringify(pair)}`);
  t.is(require_perfOps.tupleArithmetic([1, 'a'], [int, text], rng), undefined, 'one number position: nothing to combine');
});
