import test from 'ava';
import { fitGrowth, iqr, linearFit, median, quantile, ratioWithRange, spread } from '../src/core/stats.js';

test('quantiles, median and IQR of a fixed sample', (t) => {
  const xs = [7, 1, 3, 9, 5];
  t.is(median(xs), 5);
  t.is(quantile(xs, 0.25), 3);
  t.is(quantile(xs, 0.75), 7);
  t.is(iqr(xs), 4);
  t.is(median([1, 2, 3, 4]), 2.5);
  t.deepEqual(xs, [7, 1, 3, 9, 5], 'the input is not reordered');
  t.true(Number.isNaN(median([])));
  t.deepEqual(spread([10, 20, 30, 40, 50]), { n: 5, median: 30, q1: 20, q3: 40, iqr: 20 });
});

test('a ratio of medians carries the range its quartiles allow', (t) => {
  const r = ratioWithRange(spread([90, 100, 110]), spread([9, 10, 11]));
  t.is(r.ratio, 10);
  t.is(r.low, 95 / 10.5);
  t.is(r.high, 105 / 9.5);
});

test('least squares recovers a line and its R²', (t) => {
  const f = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
  t.is(f.slope, 2);
  t.is(f.intercept, 1);
  t.is(f.r2, 1);
  const noisy = linearFit([0, 1, 2, 3], [1, 2, 2, 3]);
  t.true(Math.abs(noisy.slope - 0.6) < 1e-12);
  t.true(noisy.r2 > 0.8 && noisy.r2 < 1);
  t.throws(() => linearFit([1, 1], [2, 3]), { message: /two distinct x/ });
});

test('growth fits: n^2 is a power law, 2^n is flagged exponential', (t) => {
  const ns = [4, 8, 16, 32, 64];
  const square = fitGrowth(ns, ns.map((n) => 3 * n * n))!;
  t.true(Math.abs(square.k - 2) < 1e-9);
  t.true(Math.abs(square.logC - Math.log(3)) < 1e-9);
  t.is(square.r2, 1);
  t.false(square.exponential);

  const steps = [6, 10, 14, 18, 22, 26, 30];
  const doubling = fitGrowth(steps, steps.map((n) => 2 ** n))!;
  t.true(doubling.exponential);
  t.true(Math.abs(doubling.exp.rate - Math.log(2)) < 1e-9);
  // Over sizes 2–10 a steep power law fits 2^n as well: no class is named from so little.
  const tiny = [2, 4, 6, 8, 10];
  t.false(fitGrowth(tiny, tiny.map((n) => 2 ** n))!.exponential);
  t.false(fitGrowth([12, 14, 16, 18, 20], [12, 14, 16, 18, 20].map((n) => 2 ** n))!.exponential, 'less than a 4× span');

  const flat = fitGrowth(ns, ns.map(() => 5))!;
  t.is(flat.k, 0);
  t.false(flat.exponential);
  t.is(fitGrowth([1, 2], [1, 4]), undefined, 'two sizes are too few to fit');
  t.is(fitGrowth([1, 2, 3], [0, 0, 0]), undefined, 'zeros have no logarithm');
});
