import test from 'ava';
import fc from 'fast-check';
import { sampleAtSizes } from '../src/measure/sample-at-size.js';
import { timeRepeated } from '../src/measure/timing.js';

// A fake clock: each batch reports a fixed time per call, so the rule can be checked exactly.
const fixed = (msPerCall: number) => (calls: number) => calls * msPerCall;

test('repeats until at least minRuns runs and minTotalMs of measured time, batching fast calls', (t) => {
  const [fast, slow] = timeRepeated([fixed(0.001), fixed(300)], { minRuns: 10, minTotalMs: 1000, warmupMs: 50, runMs: 2 });
  t.is(fast!.callsPerRun, 2000, 'a run of fast calls lasts about runMs');
  t.is(fast!.runsMs.length, 500);
  t.true(fast!.totalMs >= 1000);
  t.true(fast!.runsMs.every((x) => x === 0.001), 'runs are per-call times');
  t.is(slow!.callsPerRun, 1);
  t.is(slow!.runsMs.length, 10, 'slow calls still get ten runs, past the time minimum');
  t.is(slow!.totalMs, 3000);
});

test('random inputs at a size: exact where possible, else the nearest sizes', (t) => {
  const arb = fc.array(fc.integer(), { maxLength: 20, size: 'max' });
  const size = (x: unknown) => (x as unknown[]).length;
  const [at10, at50] = sampleAtSizes(arb, size, undefined, { sizes: [10, 50], perSize: 5, maxDraws: 3000, seed: 7 });
  t.deepEqual(at10!.sizes, [10, 10, 10, 10, 10]);
  t.true(at10!.inputs.every((x) => size(x) === 10));
  t.is(at50!.inputs.length, 5);
  t.true(at50!.sizes.every((s) => s === 20), 'no array is longer than 20: the nearest is 20');
  const again = sampleAtSizes(arb, size, undefined, { sizes: [10, 50], perSize: 5, maxDraws: 3000, seed: 7 });
  t.deepEqual(again[0]!.inputs, at10!.inputs, 'deterministic for a seed');
  const none = sampleAtSizes(arb, size, () => false, { sizes: [10], perSize: 5, maxDraws: 600, seed: 7 });
  t.deepEqual(none[0]!.inputs, [], 'inputs failing validate are never used');
});
