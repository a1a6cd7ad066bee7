import test from 'ava';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readBaseline, writeBaseline, type BaselineFile } from '../src/export/baseline.js';
import { bencherJson, benchPoints, githubBenchmarkJson } from '../src/export/bench-formats.js';
import { compareWork, type GateRow } from '../src/export/gate-compare.js';
import { formatChange, gateSummary, gateTable } from '../src/export/gate-table.js';
import { fixtureProject, removeProject, useCode, wedge } from './helpers/fixture-project.js';

/** The table's rows as cells [target, finding, baseline, current, change, status], cut at the columns of its rule line. */
function tableRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const head = lines.findIndex((l) => l.startsWith('target '));
  const starts = [...lines[head + 1]!.matchAll(/-+/g)].map((m) => m.index);
  const out: string[][] = [];
  for (const l of lines.slice(head + 2)) {
    if (!l.startsWith('dedupe ')) break;
    out.push(starts.map((at, i) => l.slice(at, starts[i + 1]).trim()));
  }
  return out;
}

const statuses = (stdout: string) => tableRows(stdout).map((r) => r[5]!);

// One project goes through the life of a gate, step by step (serial: each step needs the last).
const project = fixtureProject('gate');
const baselineFile = path.join(project, 'reports/baseline.json');
test.after.always(() => removeProject(project));

test.serial('a search leaves findings; gate --update writes a baseline of them', async (t) => {
  const fuzz = await wedge(project, 'fuzz', 'dedupe', '--execs', '1500', '--workers', '1', '--seed', '1');
  t.is(fuzz.code, 0, fuzz.stderr);
  const r = await wedge(project, 'gate', 'dedupe', '--update', '--top', '5');
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /baseline updated: reports\/baseline\.json/);
  t.deepEqual(statuses(r.stdout), ['new', 'new', 'new', 'new', 'new']);
  const b = readBaseline(baselineFile)!;
  const entry = b.targets.dedupe!;
  t.is(entry.file, 'targets/dedupe.target.ts');
  const findings = Object.entries(entry.findings);
  t.is(findings.length, 5);
  t.is(entry.worst, Math.max(...findings.map(([, f]) => f.work)));
  for (const [hash, f] of findings) {
    t.regex(hash, /^[0-9a-f]{16}$/);
    t.true(Array.isArray(f.input));
  }
});

test.serial('the gate passes on the unchanged code', async (t) => {
  const r = await wedge(project, 'gate');
  t.is(r.code, 0, r.stdout + r.stderr);
  t.deepEqual(statuses(r.stdout), ['ok', 'ok', 'ok', 'ok', 'ok']);
  t.regex(r.stdout, /gate: passed: 5 ok \(threshold 10%\)/);
});

test.serial('the gate fails on the regressed copy (inner loop made quadratic), with a table and both JSON files', async (t) => {
  useCode(project, 'regressed');
  const r = await wedge(project, 'gate', '--bench-json', 'out/bench.json', '--bencher-json', 'out/bencher.json');
  t.is(r.code, 1, r.stdout + r.stderr);
  t.log(r.stdout);
  t.regex(r.stdout, /^target\s+finding\s+baseline work\s+current work\s+change\s+status$/m);
  const rows = tableRows(r.stdout);
  t.true(rows.length === 5);
  t.true(rows.some((row) => row[5] === 'REGRESSION'));
  for (const row of rows.filter((x) => x[5] === 'REGRESSION')) {
    t.true(Number(row[3]) > Number(row[2]) * 1.1, `${row.join(' | ')}`);
    t.regex(row[4]!, /^\+\d+\.\d%$/);
  }
  t.regex(r.stdout, /gate: FAILED: .*REGRESSION/);

  const bench = JSON.parse(readFileSync(path.join(project, 'out/bench.json'), 'utf8')) as { name: string; unit: string; value: number }[];
  t.true(bench.length === 6, 'five findings and the worst');
  for (const p of bench) {
    t.regex(p.name, /^dedupe\/([0-9a-f]{16}|worst)$/);
    t.is(p.unit, 'probe hits');
    t.is(typeof p.value, 'number');
  }
  const bencher = JSON.parse(readFileSync(path.join(project, 'out/bencher.json'), 'utf8')) as Record<string, Record<string, { value: number }>>;
  t.deepEqual(Object.keys(bencher).sort(), bench.map((p) => p.name).sort());
  for (const p of bench) t.deepEqual(bencher[p.name], { work: { value: p.value } });
});

test.serial('a per-target threshold in the baseline overrides --threshold', async (t) => {
  const b = readBaseline(baselineFile)!;
  writeBaseline(baselineFile, { ...b, targets: { dedupe: { ...b.targets.dedupe!, thresholdPercent: 100_000 } } });
  const r = await wedge(project, 'gate', '--threshold', '1%');
  t.is(r.code, 0, r.stdout);
  t.regex(r.stdout, /threshold 100000%/);
  writeBaseline(baselineFile, b);
});

test.serial('the gate passes again on the fixed copy', async (t) => {
  useCode(project, 'fixed');
  const r = await wedge(project, 'gate');
  t.is(r.code, 0, r.stdout + r.stderr);
  t.deepEqual(statuses(r.stdout), ['ok', 'ok', 'ok', 'ok', 'ok']);
});

test.serial('after --update on the regressed copy, the gate passes on it', async (t) => {
  useCode(project, 'regressed');
  const update = await wedge(project, 'gate', '--update');
  t.is(update.code, 0, update.stdout + update.stderr);
  t.true(statuses(update.stdout).includes('REGRESSION'), 'the update shows what it accepts');
  const updated = readBaseline(baselineFile)!.targets.dedupe!;
  t.true(updated.worst > 1000, 'the baseline now holds the quadratic work');
  const r = await wedge(project, 'gate');
  t.is(r.code, 0, r.stdout + r.stderr);
  t.true(statuses(r.stdout).every((s) => s === 'ok'));
});

test('--fuzz-execs fails when the search finds an input beyond the baseline\'s worst (a new slow path)', async (t) => {
  const dir = fixtureProject('gate-fuzz');
  t.teardown(() => removeProject(dir));
  // The only finding is a short input, so the baseline's worst is small.
  const corpus = path.join(dir, 'corpora/dedupe');
  mkdirSync(corpus, { recursive: true });
  const input = [1, 2, 3];
  writeFileSync(path.join(corpus, 'a1b2c3d4e5f60718.json'), JSON.stringify({ version: 1, target: 'dedupe', mode: 'wedge', seed: 1, hash: 'a1b2c3d4e5f60718', input, size: 3, work: 8, timeMs: 0, reasons: ['seed'], foundAtMs: 0 }));
  const update = await wedge(dir, 'gate', 'dedupe', '--update');
  t.is(update.code, 0, update.stderr);
  const worst = readBaseline(path.join(dir, 'reports/baseline.json'))!.targets.dedupe!.worst;

  const r = await wedge(dir, 'gate', '--fuzz-execs', '300', '--workers', '1');
  t.is(r.code, 1, r.stdout + r.stderr);
  const fuzzRow = tableRows(r.stdout).find((row) => row[1]!.startsWith('fuzz:'));
  t.truthy(fuzzRow, r.stdout);
  t.is(fuzzRow![5], 'NEW-WORST');
  t.is(Number(fuzzRow![2]), worst);
  t.true(Number(fuzzRow![3]) > worst * 1.1);
  t.regex(r.stdout, /fuzz:<hash>: the best input of the --fuzz search/);
});

test('an input the target now throws on fails the gate as ERROR', async (t) => {
  const dir = fixtureProject('gate-throws');
  t.teardown(() => removeProject(dir));
  const baseline = { version: 1, targets: { dedupe: { file: 'targets/dedupe.target.ts', worst: 4, findings: { '00000000000000aa': { work: 4, input: null } } } } };
  mkdirSync(path.join(dir, 'reports'));
  writeFileSync(path.join(dir, 'reports/baseline.json'), JSON.stringify(baseline));
  const r = await wedge(dir, 'gate');
  t.is(r.code, 1, r.stdout + r.stderr);
  const [row] = tableRows(r.stdout);
  t.is(row![3], '–');
  t.regex(row![5]!, /^ERROR \(throws: TypeError/);
});

test('input errors exit 2 with a message that says what to do', async (t) => {
  const dir = fixtureProject('gate-errors');
  t.teardown(() => removeProject(dir));
  const missing = await wedge(dir, 'gate', 'dedupe');
  t.is(missing.code, 2);
  t.regex(missing.stderr, /no baseline at reports\/baseline\.json: run "wedge gate dedupe --update"/);

  mkdirSync(path.join(dir, 'reports'));
  writeFileSync(path.join(dir, 'reports/baseline.json'), '{"version": 1, "targets": {');
  const corrupt = await wedge(dir, 'gate');
  t.is(corrupt.code, 2);
  t.regex(corrupt.stderr, /reports\/baseline\.json: the baseline is not valid JSON/);

  writeFileSync(path.join(dir, 'reports/baseline.json'), JSON.stringify({ version: 1, targets: { dedupe: { file: 'targets/dedupe.target.ts', worst: 'a lot', findings: {} } } }));
  const invalid = await wedge(dir, 'gate');
  t.is(invalid.code, 2);
  t.regex(invalid.stderr, /reports\/baseline\.json: not a valid Wedge baseline:\n\s+field "targets\.dedupe\.worst"/);

  writeFileSync(path.join(dir, 'reports/baseline.json'), JSON.stringify({ version: 1, targets: {} }));
  const unknown = await wedge(dir, 'gate', 'no-such-target');
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /no-such-target: no target file found/);
  const notIn = await wedge(dir, 'gate', 'dedupe');
  t.is(notIn.code, 2);
  t.regex(notIn.stderr, /target "dedupe" is not in reports\/baseline\.json: run "wedge gate dedupe --update"/);

  const usage = await wedge(dir, 'gate', '--threshold', 'lots');
  t.is(usage.code, 2);
  t.regex(usage.stderr, /not a percentage/);
});

test('work is compared with the threshold both ways', (t) => {
  t.is(compareWork(100, 110, 10), 'ok');
  t.is(compareWork(100, 111, 10), 'REGRESSION');
  t.is(compareWork(100, 90, 10), 'ok');
  t.is(compareWork(100, 89, 10), 'improved');
  t.is(compareWork(0, 0, 10), 'ok');
  t.is(compareWork(0, 1, 10), 'REGRESSION');
  t.is(formatChange(100, 250), '+150.0%');
  t.is(formatChange(100, 95), '−5.0%');
  t.is(formatChange(0, 3), '+∞%');
});

test('the table aligns its columns and the summary counts statuses', (t) => {
  const rows: GateRow[] = [
    { target: 'a', finding: 'aaaa', baseline: 100, current: 200, status: 'REGRESSION' },
    { target: 'a', finding: 'bbbb', baseline: 1000, current: 1000, status: 'ok' },
    { target: 'a', finding: 'cccc', current: 5, status: 'new' },
  ];
  const lines = gateTable(rows);
  t.is(lines.length, 5);
  t.regex(lines[2]!, /^a\s+aaaa\s+100\s+200\s+\+100\.0%\s+REGRESSION$/);
  t.regex(lines[4]!, /^a\s+cccc\s+–\s+5\s+new$/);
  // Right-aligned numbers end in the same column.
  t.is(lines[2]!.indexOf('200') + 3, lines[3]!.lastIndexOf('1000') + 4);
  t.is(gateSummary(rows, { a: 10 }), 'gate: FAILED: 1 REGRESSION, 1 ok, 1 new (threshold 10%)');
  t.is(gateSummary(rows.slice(1), { a: 10, b: 25 }), 'gate: passed: 1 ok, 1 new (thresholds a 10%, b 25%)');
});

test('benchmark JSON: customSmallerIsBetter entries and Bencher Metric Format', (t) => {
  const rows: GateRow[] = [
    { target: 't', finding: '00aa', baseline: 10, current: 12, status: 'REGRESSION' },
    { target: 't', finding: '00bb', baseline: 20, current: 19, status: 'ok' },
    { target: 't', finding: 'fuzz:77cc', baseline: 20, current: 21, status: 'ok' },
    { target: 't', finding: '00dd', baseline: 5, status: 'ERROR' },
  ];
  const points = benchPoints(rows);
  t.deepEqual(githubBenchmarkJson(points), [
    { name: 't/00aa', unit: 'probe hits', value: 12, extra: 'baseline 10' },
    { name: 't/00bb', unit: 'probe hits', value: 19, extra: 'baseline 20' },
    { name: 't/fuzz-best', unit: 'probe hits', value: 21, extra: 'baseline 20' },
    { name: 't/worst', unit: 'probe hits', value: 19, extra: 'baseline 20' },
  ]);
  t.deepEqual(bencherJson(points), {
    't/00aa': { work: { value: 12 } },
    't/00bb': { work: { value: 19 } },
    't/fuzz-best': { work: { value: 21 } },
    't/worst': { work: { value: 19 } },
  });
});

test('the baseline file round-trips, one line per input', (t) => {
  const dir = fixtureProject('baseline-file');
  t.teardown(() => removeProject(dir));
  const file = path.join(dir, 'reports/baseline.json');
  const b: BaselineFile = {
    version: 1,
    targets: {
      z: { file: 'targets/z.target.ts', worst: 9, findings: { bb: { work: 3, input: { s: 'x' } }, aa: { work: 9, size: 2, input: [1, 2] } } },
      a: { file: 'targets/a.target.ts', thresholdPercent: 25, worst: 1, findings: { cc: { work: 1, input: 'input' } } },
    },
  };
  writeBaseline(file, b);
  const text = readFileSync(file, 'utf8');
  t.true(text.indexOf('"a"') < text.indexOf('"z"'), 'targets sorted by id');
  t.true(text.indexOf('"aa"') < text.indexOf('"bb"'), 'findings by work, highest first');
  t.regex(text, /"input": \[1,2\]\n/);
  t.regex(text, /"input": \{"s":"x"\}\n/);
  t.deepEqual(readBaseline(file), b);
  t.is(readBaseline(path.join(dir, 'reports/none.json')), undefined);
});
