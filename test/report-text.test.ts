import test from 'ava';
import { fitGrowth, spread } from '../src/core/stats.js';
import type { Growth, GrowthSeries, VerifiedFinding, VerifiedSection } from '../src/measure/types.js';
import { growthSentence, instructionsNote } from '../src/report/format.js';
import { phaseTimes, verifySummary } from '../src/report/verify-summary.js';
import { timeRepeated } from '../src/measure/timing.js';
import { renderReportHtml } from '../src/report/html/page.js';
import type { StoredReport } from '../src/report/report-file.js';

/** A series measured at `sizes` whose work and time follow the given curves. */
function series(sizes: number[], work: (n: number) => number, time: (n: number) => number): GrowthSeries {
  const points = sizes.map((size) => ({ size, work: work(size), timeMs: time(size) }));
  return { points, work: fitGrowth(sizes, points.map((p) => p.work)), time: fitGrowth(sizes, points.map((p) => p.timeMs)) };
}

function growth(sizes: number[], worst: [(n: number) => number, (n: number) => number], bound: Growth['bound'] = 'work'): Growth {
  return {
    finding: 1,
    bound,
    method: 'shorter copies',
    worst: series(sizes, ...worst),
    typical: series(sizes, (n) => 3 * n, (n) => 0.01 * n),
    typicalPerSize: 15,
  };
}

export function finding(rank: number, extra: Partial<VerifiedFinding> = {}): VerifiedFinding {
  const time = { ...spread([2, 2.1, 2.2, 1.9]), callsPerRun: 1, totalMs: 1000 };
  return { rank, input: [3, 2, 1], size: 3, work: 900, timeMs: time, baseline: 0, slowdown: { ratio: 9, low: 8, high: 10 }, workRatio: 9, bound: 'work', ...extra };
}

export function section(extra: Partial<VerifiedSection> = {}): VerifiedSection {
  return {
    verifiedAt: '2024-01-01T00:00:00.000Z',
    method: { process: 'fresh', minRuns: 10, minTotalMs: 1000, warmupMs: 200, baselineInputs: 20 },
    environment: { node: '20', v8: '11', cpu: 'cpu', cores: 2, platform: 'linux', instructions: { available: false, reason: 'perf stat could not count instructions (<not supported>,,instructions,0,100.00,,)' } },
    findings: [finding(1)],
    baselines: [{ requestedSize: 3, sizes: { min: 3, max: 3 }, exact: true, count: 20, timeMs: spread([0.2, 0.21, 0.22]), work: spread([100, 100, 100]), typicalInput: [1, 2, 3] }],
    hotLines: { slowest: [], typical: [] },
    sources: {},
    ...extra,
  };
}

test('growth is said by work and by wall time, both, the finding\'s own measure first', (t) => {
  const sizes = [4, 6, 9, 13, 20, 29, 43, 64];
  const g = growth(sizes, [(n) => 5 * n, (n) => 0.001 * n ** 1.6]);
  const s = growthSentence(g);
  t.regex(s, /^worst case grows as n\^1\.00 \(R² 1\.000\) by work and as n\^1\.60 \(R² 1\.000\) by wall time; a typical input as n\^1\.00/);
  t.regex(growthSentence({ ...g, bound: 'time' }), /^worst case grows as n\^1\.60 \(R² 1\.000\) by wall time and as n\^1\.00/);
});

test('no growth class is named from a narrow or tiny span of sizes', (t) => {
  const tiny = growth([2, 4, 6, 8, 10], [(n) => 2 ** n, (n) => 2 ** n / 1000]);
  const s = growthSentence(tiny);
  t.notRegex(s, /exponential/);
  t.regex(s, /^worst case grows about n\^[\d.]+ by work and about n\^[\d.]+ by wall time over sizes 2–10 \(too narrow a span to name a growth class\)/);
  // A span wide enough names it.
  const wide = growth([6, 10, 14, 18, 22, 26, 30], [(n) => 2 ** n, (n) => 2 ** n / 1000]);
  t.regex(growthSentence(wide), /^worst case grows exponentially, ×2\.00 per unit of size/);
});

test('the summary flags throwing findings and says in words why instructions were not counted', (t) => {
  const v = section({ findings: [finding(1), finding(2, { error: 'TypeError: cannot read x\n    at parse (p.js:3:1)' })] });
  const lines = verifySummary('t', v).join('\n');
  t.regex(lines, /#2 slowdown[^\n]*\n {5}input: [^\n]*\n {5}throws: TypeError: cannot read x\n/);
  t.notRegex(lines, /at parse/);
  t.regex(lines, /warning: 1 of 2 findings throw \(#2\)/);
  t.regex(lines, /instruction counts unavailable on this machine \(the processor's counters are not available/);
  t.notRegex(lines, /<not supported>|perf stat could not/);
  t.is(instructionsNote({ instructions: { available: false, reason: 'perf is not installed' } }), 'instruction counts unavailable on this machine (perf is not installed)');
  t.notRegex(verifySummary('t', section({ findings: [finding(1)] })).join('\n'), /throw/);
});

test('timing reports its progress: every warm-up, then the share of the measuring done', (t) => {
  const seen: { warmed: number; done: number; fraction: number }[] = [];
  const batch = () => 0.01;
  timeRepeated([batch, batch, batch], { minRuns: 4, minTotalMs: 0, warmupMs: 0, runMs: 0 }, (p) => seen.push(p));
  t.deepEqual(seen.slice(0, 3).map((p) => p.warmed), [1, 2, 3]);
  const rounds = seen.slice(3);
  t.deepEqual(rounds.map((p) => p.fraction), [0.25, 0.5, 0.75, 1]);
  t.is(rounds.at(-1)!.done, 3);
});

test('the summary says how long each phase took, verification by step', (t) => {
  const line = phaseTimes([['constraints', 14_600], ['search', 11_600], ['verification', 19_400], ['report', 22]], { phasesMs: { timing: 9100, minimizing: 4400, growth: 5800 } });
  t.is(line, 'time: constraints 14.6s, search 11.6s, verification 19.4s (timing 9.1s, minimizing 4.4s, growth 5.8s), report 22ms; total 45.6s');
  t.is(phaseTimes([['constraints', undefined], ['verification', 2000]]), 'time: verification 2.0s');
});

test('report.html: hot lines first, the source of files the slowest finding ran only, collapsed, far lines elided', (t) => {
  const text = Array.from({ length: 200 }, (_, i) => `line${i + 1}();`).join('\n');
  const slowest = [
    { file: 'a.js', line: 50, hits: 900 },
    { file: 'a.js', line: 120, hits: 100 },
    ...Array.from({ length: 12 }, (_, i) => ({ file: 'a.js', line: 150 + i, hits: 1 })),
  ];
  const typical = [{ file: 'a.js', line: 50, hits: 30 }, { file: 'cold.js', line: 3, hits: 5 }];
  const v = section({ hotLines: { slowest, typical }, sources: { 'a.js': text, 'cold.js': 'x\ny\nz\n' } });
  const page = renderReportHtml({ ...fakeRun(), verified: v });
  const hot = page.indexOf('<section id="hot">');
  t.true(hot > 0 && hot < page.indexOf('Slowdown of the findings'), 'the answer comes first');
  const table = page.slice(hot, page.indexOf('</section>', hot));
  t.is(table.match(/<tr><td><a href="#src-0-/g)?.length, 10, 'the top ten lines');
  t.regex(table, /a\.js:50<\/code><\/a><\/td><td class="code"><code>line50\(\);<\/code><\/td><td class="num">900<\/td><td class="num">30<\/td><td class="num">30×<\/td><td class="num">88\.9%<\/td>/);
  const source = page.slice(page.indexOf('<section id="source">'));
  t.regex(source, /<details class="source"><summary><code>a\.js<\/code> · 1,012 hits in the slowest finding, 14 lines run<\/summary>/);
  t.notRegex(source, /<details[^>]* open/);
  t.regex(source, /<tr class="gap"><td class="ln">⋮<\/td><td colspan="3">46 lines not run by the slowest finding/);
  t.regex(source, /id="src-0-47"/);
  t.notRegex(source, /id="src-0-46"|id="src-0-100"/, 'lines far from any hit are elided');
  t.regex(source, /Not run by the slowest finding, so not shown: <code>cold\.js<\/code>/);
  t.notRegex(source, /<summary><code>cold\.js/);
});

/** The campaign part of a report, as little as the page needs. */
function fakeRun(): StoredReport {
  return {
    target: 't', run: 'r', startedAt: '', mode: 'wedge', seed: 1, durationMs: 1000, execs: 10, execsPerSec: 10, workers: 1, corpusSize: 1, covered: 1, probes: 1,
    hangs: 0, ooms: 0, errors: 0, errorGroups: {}, findings: [], top: [], progress: [], best: { work: 1, input: [1], timeMs: 0 },
  } as unknown as StoredReport;
}
