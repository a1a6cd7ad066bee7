import test from 'ava';
import { distinctSymbols } from '../src/measure/json-map.js';
import { minimize, simplerNumbers } from '../src/measure/minimize.js';
import { withSession } from '../src/measure/session.js';
import { loadTarget, type Target } from '../src/target/load.js';

const accept = (target: Target, original: unknown) => (x: unknown) => target.size(x) <= target.size(original) && (target.validate?.(x) ?? true);

test('simpler numbers go toward 0 and fewer digits', (t) => {
  t.deepEqual(simplerNumbers(837_799), [0, 800_000, 830_000, 837_000, 837_700, 837_790]);
  t.deepEqual(simplerNumbers(-1234), [0, -1000, -1200, -1230]);
  t.deepEqual(simplerNumbers(3.75), [0, 3]);
  t.deepEqual(simplerNumbers(0), []);
});

test('minimizing with a synthetic cost is deterministic and bounded', async (t) => {
  // Cost: inversions, so only the order of the numbers matters.
  const inversions = (a: number[]) => a.reduce((n, x, i) => n + a.slice(i + 1).filter((y) => y < x).length, 0);
  let calls = 0;
  const cost = async (xs: unknown[]) => xs.map((x) => (calls++, inversions(x as number[])));
  const original = [9000, 7331, 5012, 4999, 1200, -77];
  const a = await minimize(original, cost, { keep: 0.95, maxExecutions: 50, accept: () => true });
  const b = await minimize(original, cost, { keep: 0.95, maxExecutions: 50, accept: () => true });
  t.deepEqual(a.input, [5, 4, 3, 2, 1, 0]);
  t.deepEqual(a, b);
  t.is(a.kept, 1);
  const few = await minimize([5, 4, 3, 2, 1, 0], cost, { keep: 0.95, maxExecutions: 3, accept: () => true });
  t.true(few.executions <= 3);
});

test('a deadline stops minimizing: no candidate past it, the best input so far kept', async (t) => {
  // A cost every candidate keeps: each character mapping is adopted.
  const original = ['abcdefgh', 'aab'];
  const cost = async (xs: unknown[]) => xs.map(() => 100);
  // A deadline already past: only the original's cost is measured, and it comes back unchanged.
  const past = await minimize(original, cost, { keep: 0.5, maxExecutions: 100, accept: () => true, deadline: Date.now() - 1 });
  t.is(past.executions, 1);
  t.deepEqual(past.input, original);
  t.deepEqual(past.steps, []);
  // A deadline reached during the third candidate: nothing after it runs; what was adopted stays.
  let calls = 0;
  let deadline = Infinity;
  const slowAfter = async (xs: unknown[]) => {
    if (++calls === 3) deadline = Date.now();
    return cost(xs);
  };
  const cut = await minimize(original, slowAfter, {
    keep: 0.5,
    maxExecutions: 100,
    accept: () => true,
    get deadline() {
      return deadline;
    },
  });
  t.is(cut.executions, 3, 'the original and two candidates');
  t.is(calls, 3);
  t.is(cut.steps.length, 2, 'both candidates adopted');
  t.notDeepEqual(cut.input, original);
  const full = await minimize(original, cost, { keep: 0.5, maxExecutions: 100, accept: () => true });
  t.true(full.executions > cut.executions, 'without a deadline it goes on');
});

test('minimizing an insertion-sort finding keeps ≥ 95% of its work with smaller, fewer values', async (t) => {
  const target = await loadTarget('targets/insertion-sort.target.ts');
  // Descending with repeats and large magnitudes: the worst shape, hard to read.
  const original = Array.from({ length: 64 }, (_, i) => 997 - 31 * Math.floor(i / 2) - (i % 2 ? 3 : 0));
  const result = await withSession(target, async (s) => {
    const cost = async (xs: unknown[]) => (await s.work(xs)).map((r) => r.work);
    const m = await minimize(original, cost, { keep: 0.95, maxExecutions: 300, accept: accept(target, original) });
    const [w0, w1] = await s.work([original, m.input]);
    return { m, w0: w0!.work, w1: w1!.work };
  });
  t.true(result.w1 >= 0.95 * result.w0, `work ${result.w1} of ${result.w0}`);
  const before = result.m.input as number[];
  t.true(before.length <= original.length);
  t.true(distinctSymbols(before).values <= distinctSymbols(original).values);
  t.true(Math.max(...before.map(Math.abs)) < Math.max(...original.map(Math.abs)), 'numbers got smaller');
  t.true(result.m.executions <= 300);
});

test('minimizing a naive-substring finding maps characters onto ones already present', async (t) => {
  const target = await loadTarget('targets/naive-substring.target.ts');
  const original = { text: 'aaaaqaaaazaaaaxaaaa'.repeat(13).slice(0, 240), pattern: 'aaaaaaab' };
  const result = await withSession(target, async (s) => {
    const cost = async (xs: unknown[]) => (await s.work(xs)).map((r) => r.work);
    const m = await minimize(original, cost, { keep: 0.95, maxExecutions: 100, accept: accept(target, original) });
    const [w0, w1] = await s.work([original, m.input]);
    return { m, w0: w0!.work, w1: w1!.work };
  });
  t.true(result.w1 >= 0.95 * result.w0, `work ${result.w1} of ${result.w0}`);
  t.true(target.size(result.m.input) <= target.size(original));
  t.true(distinctSymbols(result.m.input).chars < distinctSymbols(original).chars, JSON.stringify(result.m));
});
