import test from 'ava';
import type { PowerFit } from '../src/core/stats.js';
import { formatFit } from '../src/report/format.js';

const fit = (k: number, rate: number, exponential: boolean): PowerFit => ({ k, logC: 0, r2: 0.9, exp: { rate, logC: 0, r2: 0.98 }, exponential, points: 8 });

test('growth is called exponential only when the cost also grows faster than the size', (t) => {
  // A typical input's noisy wall time over sizes 63–999: the exponential fits better, but it grows as n^0.79.
  t.is(formatFit(fit(0.79, 0.002, true)), 'as n^0.79 (R² 0.900)');
  t.regex(formatFit(fit(3.5, 0.69, true)), /^exponentially, ×1\.99 per unit of size \(R² 0\.980; as a power law n\^3\.50/);
  t.is(formatFit(fit(2, 0.01, false)), 'as n^2.00 (R² 0.900)');
});
