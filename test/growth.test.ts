import test from 'ava';
import { growthSizes, measureGrowth, DEFAULT_GROWTH } from '../src/measure/growth.js';
import { scaleInput, hasSequence } from '../src/measure/scale-input.js';
import { selectFindings } from '../src/measure/select.js';
import { withSession } from '../src/measure/session.js';
import { loadTarget } from '../src/target/load.js';
import type { Growth } from '../src/measure/types.js';

test('scaling keeps a finding\'s shape', (t) => {
  t.deepEqual(scaleInput([8, 7, 6, 5, 4, 3, 2, 1], 0.5, 'prefix'), [8, 7, 6, 5]);
  t.deepEqual(scaleInput([8, 7, 6, 5, 4, 3, 2, 1], 0.5, 'suffix'), [4, 3, 2, 1]);
  t.is(scaleInput('aaaaaaa!', 0.5, 'ends'), 'aaa!');
  t.deepEqual(scaleInput({ text: 'abcdefgh', pattern: 'ab', n: 3 }, 0.5, 'prefix'), { text: 'abcd', pattern: 'a', n: 3 });
  t.deepEqual(scaleInput([[1, 2], [3, 4], [5, 6], [7, 8]], 0.5, 'prefix'), [[1, 2], [3, 4]], 'elements stay whole');
  t.false(hasSequence(42));
  t.deepEqual(growthSizes(64, 8), [4, 6, 9, 13, 20, 29, 43, 64]);
});

test('findings: top by work, the slowest by time kept, at most two size groups', (t) => {
  const c = (work: number, timeMs: number, len: number) => ({ input: 'x'.repeat(len), work, timeMs });
  const all = [c(100, 1, 64), c(90, 1, 63), c(80, 1, 40), c(70, 1, 20), c(1, 50, 64)];
  const s = selectFindings(all, { n: 3, size: (x) => (x as string).length, maxGroups: 2 });
  t.deepEqual(s.picked, [all[0], all[1], all[4]]);
  t.deepEqual(s.anchors, [64]);
  const wide = selectFindings(all, { n: 5, size: (x) => (x as string).length, maxGroups: 2 });
  t.deepEqual(wide.anchors, [64, 40]);
  t.false(wide.picked.includes(all[3]!), 'a third size group is passed over');
});

async function growthOf(file: string, input: unknown): Promise<Growth> {
  const target = await loadTarget(file);
  const g = await withSession(target, (s) => measureGrowth(s, target, { rank: 1, input, bound: 'work' }, { ...DEFAULT_GROWTH, typicalPerSize: 5, minRuns: 3, minTotalMs: 5, seed: 1 }));
  if (typeof g === 'string') throw new Error(g);
  return g;
}

test('growth of insertion sort on a descending array: work ∝ n^2', async (t) => {
  const g = await growthOf('targets/insertion-sort.target.ts', Array.from({ length: 64 }, (_, i) => 64 - i));
  const k = g.worst.work!.k;
  t.true(k > 1.8 && k < 2.2, `k = ${k}`);
  t.true(g.worst.work!.r2 > 0.99);
  t.false(g.worst.work!.exponential);
  t.is(g.worst.points[g.worst.points.length - 1]!.size, 64);
  t.true(g.typical.points.length >= 3);
});

test('growth of a linear scan: work ∝ n', async (t) => {
  const g = await growthOf('test/fixtures/linear-scan.target.ts', Array.from({ length: 256 }, (_, i) => i));
  const k = g.worst.work!.k;
  t.true(k > 0.9 && k < 1.1, `k = ${k}`);
  const typical = g.typical.work!.k;
  t.true(typical > 0.8 && typical < 1.2, `typical k = ${typical}`);
});
