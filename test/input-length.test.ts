// A long input is shown cut short with its true length: characters of the string (not of its
// escaped JSON), items of the array, and for other values the length of their JSON, said so.
import test from 'ava';
import { preview } from '../src/report/format.js';
import { verifySummary } from '../src/report/verify-summary.js';
import { spread } from '../src/core/stats.js';
import type { VerifiedSection } from '../src/measure/types.js';

/** A verification with one finding on `input`. */
function verified(input: string): VerifiedSection {
  const time = { ...spread([2, 2.1, 2.2, 1.9]), callsPerRun: 1, totalMs: 1000 };
  return {
    verifiedAt: '2024-01-01T00:00:00.000Z',
    method: { process: 'fresh', minRuns: 10, minTotalMs: 1000, warmupMs: 200, baselineInputs: 20 },
    environment: { node: '20', v8: '11', cpu: 'cpu', cores: 2, platform: 'linux', instructions: { available: true } },
    findings: [{ rank: 1, input, size: input.length, work: 900, timeMs: time, baseline: 0, slowdown: { ratio: 9, low: 8, high: 10 }, workRatio: 9, bound: 'work' }],
    baselines: [{ requestedSize: input.length, sizes: { min: input.length, max: input.length }, exact: true, count: 20, timeMs: spread([0.2, 0.21, 0.22]), work: spread([100, 100, 100]), typicalInput: 'x'.repeat(input.length) }],
    hotLines: { slowest: [], typical: [] },
    sources: {},
  };
}

test('a string full of escapes is said to be as long as it is, not as its JSON', (t) => {
  const input = '"\\\n'.repeat(1332) + 'a'; // 3,997 characters; JSON.stringify doubles most of them
  t.is(input.length, 3997);
  t.true(JSON.stringify(input).length > 7000);
  t.regex(preview(input, 100), /… \(3997 chars\)$/);
  t.regex(preview([...Array(500).keys()], 100), /… \(500 items\)$/);
  t.regex(preview({ text: 'x'.repeat(300) }, 100), /… \(311 chars of JSON\)$/);
});

test('the verification summary gives a finding\'s true length', (t) => {
  const input = '\t"'.repeat(2000);
  const lines = verifySummary('parse', verified(input));
  const shown = lines.find((l) => l.trimStart().startsWith('input:'));
  t.truthy(shown);
  t.regex(shown!, /\(4000 chars\)$/);
});
