import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { reportCandidates } from '../src/pipeline/candidates.js';
import { readConstraintsFile } from '../src/constraints/format.js';
import { exportDataset } from '../src/export/dataset.js';
import { primarySource, targetSourceInfo } from '../src/export/dataset-source.js';
import { DEFAULT_VERIFY, verifyFindings } from '../src/measure/verify.js';
import { readReport, writeReport, type StoredReport } from '../src/report/report-file.js';
import { loadTarget } from '../src/target/load.js';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wedge = path.join(repo, 'bin/wedge.mjs');
const insertionSort = path.join(repo, 'targets/insertion-sort.target.ts');
const gcd = path.join(repo, 'targets/gcd-euclid.target.ts');
const PARQUET = 'data/train-00000-of-00001.parquet';
const JSONL = 'data/train.jsonl';

/**
 * One small real run shared by the tests: insertion-sort fuzzed (with the repository's
 * constraints file, so constraints are instrumented and replayed) and verified, in a project of
 * its own; gcd-euclid is named but never run, so it has no report.
 */
async function setUp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-dataset-'));
  mkdirSync(path.join(dir, 'constraints'));
  copyFileSync(path.join(repo, 'constraints/insertion-sort.json'), path.join(dir, 'constraints/insertion-sort.json'));
  const fuzz = await run('node', [wedge, 'fuzz', insertionSort, '--execs', '3000', '--seed', '2', '--workers', '1', '--json'], { cwd: dir });
  const reportJson = path.join(dir, (JSON.parse(fuzz.stdout) as { report: string }).report);
  // Verified through the library with growth off and one minimization: the figures exported are
  // the same, in a third of the time `wedge verify` takes with its defaults.
  const target = await loadTarget(insertionSort);
  const fuzzed = readReport(reportJson);
  const verified = await verifyFindings(target, reportCandidates(fuzzed), {
    ...DEFAULT_VERIFY,
    top: 3,
    timing: { ...DEFAULT_VERIFY.timing, minTotalMs: 20 },
    baselineInputs: 5,
    minimizeTop: 1,
    growth: false,
  });
  writeReport(reportJson, { ...fuzzed, verified });
  const exported = await run('node', [wedge, 'export', 'dataset', insertionSort, gcd, '--out', 'ds'], { cwd: dir });
  return { dir, out: path.join(dir, 'ds'), stdout: exported.stdout, report: JSON.parse(readFileSync(reportJson, 'utf8')) as StoredReport };
}
let shared: ReturnType<typeof setUp> | undefined;
/** Started by the first test that needs it, so a test run that matches none of them skips it. */
const project = () => (shared ??= setUp());

type Row = Record<string, unknown>;

function jsonlRows(out: string): Row[] {
  return readFileSync(path.join(out, JSONL), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
}

/** The Parquet file read by DuckDB (an independent reader), values as plain JS, with its schema. */
async function duckdbRead(file: string): Promise<{ rows: Row[]; columns: { name: string; type: string }[] }> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const sql = `SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`;
    const result = await conn.runAndReadAll(sql);
    const rows = result.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
    const described = await conn.runAndReadAll(`DESCRIBE ${sql}`);
    const columns = described.getRowObjectsJson().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    return { rows, columns };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

test('the Parquet file, read back by DuckDB, holds exactly the rows of the JSONL file', async (t) => {
  const { out } = await project();
  const jsonl = jsonlRows(out);
  const { rows, columns } = await duckdbRead(path.join(out, PARQUET));
  t.true(jsonl.length > 0);
  t.is(rows.length, jsonl.length);
  t.deepEqual(columns.map((c) => c.name), Object.keys(jsonl[0]!), 'same columns, same order');
  rows.forEach((row, i) => t.deepEqual(row, jsonl[i], `row ${i}`));
  const types = Object.fromEntries(columns.map((c) => [c.name, c.type]));
  t.is(types.work, 'BIGINT');
  t.is(types.slowdown, 'DOUBLE');
  t.is(types.baseline_exact_size, 'BOOLEAN');
  t.is(types.constraints_satisfied, 'VARCHAR[]');
  t.is(types.input, 'VARCHAR');
});

test('one row per verified finding, with its figures, source, generation and environment', async (t) => {
  const { out, report } = await project();
  const rows = jsonlRows(out);
  const v = report.verified!;
  t.is(rows.length, v.findings.length);
  const kept = readConstraintsFile(path.join(repo), 'insertion-sort')!.constraints.filter((c) => c.status === 'kept').map((c) => c.id);
  for (const f of v.findings) {
    const row = rows.find((r) => JSON.stringify(JSON.parse(r.input as string)) === JSON.stringify(f.input));
    if (!row) return t.fail(`finding #${f.rank} has no row`);
    t.is(row.target, 'insertion-sort');
    t.regex(row.task_id as string, /^insertion-sort\/[0-9a-f]{16}$/);
    t.is(row.work, f.work);
    t.is(row.time_ms_median, f.timeMs.median);
    t.is(row.time_ms_iqr, f.timeMs.iqr);
    t.is(row.slowdown, f.slowdown.ratio);
    t.is(row.typical_time_ms_median, v.baselines[f.baseline]!.timeMs.median);
    t.is(row.size, f.size);
    t.is(row.rank, f.rank);
    t.is(row.input_minimized === null, f.minimized === undefined);
    t.is(row.source_export, 'insertionSort');
    t.regex(row.source_path as string, /targets\/insertion-sort\.ts$/);
    t.is(row.source_code, readFileSync(path.join(repo, 'targets/insertion-sort.ts'), 'utf8'));
    t.is(row.source_package, null);
    t.is(row.generation_mode, 'wedge');
    t.is(row.generation_seed, 2);
    t.is(row.llm_model, null);
    t.deepEqual(row.llm_cache_keys, []);
    t.is(row.env_node, v.environment.node);
    t.is(row.env_cpu, v.environment.cpu);
    t.is(row.constraints_checked, kept.length);
    for (const id of row.constraints_satisfied as string[]) t.true(kept.includes(id), `${id} is a kept constraint`);
    const generation = JSON.parse(row.generation as string) as { budget: unknown; constraints: { used: { id: string; origin: string }[] } | null; report: string };
    t.deepEqual(generation.budget, { execs: 3000 });
    t.deepEqual(generation.constraints?.used.map((c) => c.id).sort(), [...kept].sort());
    t.false(path.isAbsolute(generation.report));
  }
  // The costliest input (the search is exact at --execs with one worker) moves elements far:
  // the inner-loop constraint holds for it.
  const top = [...rows].sort((a, b) => (b.work as number) - (a.work as number))[0]!;
  t.true((top.constraints_satisfied as string[]).length > 0, 'the costliest finding satisfies a constraint');
});

test('a target without a verified report is skipped with a one-line note', async (t) => {
  const { stdout } = await project();
  const lines = stdout.split('\n');
  t.is(lines.filter((l) => l.startsWith('skipped gcd-euclid: no verified report under reports/gcd-euclid/')).length, 1);
  t.regex(stdout, /^insertion-sort\s+\d+ rows\s+reports\/insertion-sort\/[^/]+\/report\.json$/m);
  t.regex(stdout, /^\d+ rows from 1 target \(1 skipped\)$/m);
});

test('the dataset card declares every Parquet column with its dtype, and points at the shard', async (t) => {
  const { out } = await project();
  const card = readFileSync(path.join(out, 'README.md'), 'utf8');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(card)?.[1];
  if (!front) return t.fail('no YAML front matter');
  const features = [...front.matchAll(/^ {2}- name: (\S+)\n {4}(dtype|sequence): (\S+)$/gm)].map((m) => ({ name: m[1]!, kind: m[2]!, dtype: m[3]! }));
  const { columns } = await duckdbRead(path.join(out, PARQUET));
  const expected: Record<string, string> = { VARCHAR: 'dtype string', BIGINT: 'dtype int64', DOUBLE: 'dtype float64', BOOLEAN: 'dtype bool', 'VARCHAR[]': 'sequence string' };
  t.deepEqual(
    features.map((f) => `${f.name}: ${f.kind} ${f.dtype}`),
    columns.map((c) => `${c.name}: ${expected[c.type] ?? c.type}`),
  );
  t.regex(front, /configs:\n- config_name: default\n {2}data_files:\n {2}- split: train\n {4}path: data\/train-\*\.parquet/);
  t.regex(front, /num_examples: \d+/);
  for (const c of columns) t.true(card.includes(`| \`${c.name}\` |`), `${c.name} is described in the prose`);
  t.notRegex(card, /\/tmp\/|\/work\//, 'no machine paths');
});

test('--require-all fails on a target without a report and leaves an earlier export as it was', async (t) => {
  const { dir, out } = await project();
  const before = readFileSync(path.join(out, PARQUET));
  const mtime = statSync(path.join(out, PARQUET)).mtimeMs;
  await t.throwsAsync(exportDataset({ root: dir, targets: [insertionSort, gcd], out, requireAll: true }), { message: /--require-all: 1 target has no verified report: gcd-euclid; nothing was written/ });
  t.is(statSync(path.join(out, PARQUET)).mtimeMs, mtime);
  t.deepEqual(readFileSync(path.join(out, PARQUET)), before);
  const empty = path.join(dir, 'empty');
  await t.throwsAsync(exportDataset({ root: dir, targets: [gcd], out: empty }), { message: /nothing to export/ });
  t.false(existsSync(empty));
});

test('a file under node_modules is named with its package and version, and a module + export target with its export', async (t) => {
  // Under test/output/ so the target file resolves fast-check from the repository's node_modules.
  mkdirSync(path.join(repo, 'test/output'), { recursive: true });
  const dir = mkdtempSync(path.join(repo, 'test/output/dataset-source-'));
  const pkg = path.join(dir, 'node_modules/tiny-pad');
  mkdirSync(path.join(pkg, 'lib'), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'tiny-pad', version: '1.2.3' }));
  // A nested package.json without a name (it only sets the module type) is not the package.
  writeFileSync(path.join(pkg, 'lib/package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(path.join(pkg, 'lib/helper.js'), 'export const fill = (n) => " ".repeat(n);\n');
  writeFileSync(path.join(pkg, 'lib/pad.js'), 'import { fill } from "./helper.js";\nexport function padLeft(s) { return fill(8 - s.length) + s; }\n');
  const file = path.join(dir, 'pad.target.mjs');
  writeFileSync(
    file,
    [
      "import fc from 'fast-check';",
      "export default { id: 'pad', module: './node_modules/tiny-pad/lib/pad.js', export: 'padLeft', input: fc.string({ maxLength: 8 }),",
      "  size: (s) => s.length, maxSize: 8, instrument: ['./node_modules/tiny-pad/lib/*.js'] };",
    ].join('\n'),
  );
  const { files, changed } = targetSourceInfo(await loadTarget(file), dir);
  t.deepEqual(changed, []);
  t.deepEqual(
    files.map(({ code: _code, sha256: _sha, ...rest }) => rest),
    [
      { path: 'node_modules/tiny-pad/lib/helper.js', exports: [], package: 'tiny-pad', version: '1.2.3' },
      { path: 'node_modules/tiny-pad/lib/pad.js', exports: ['padLeft'], package: 'tiny-pad', version: '1.2.3' },
    ],
  );
  t.is(primarySource(files)?.path, 'node_modules/tiny-pad/lib/pad.js');
  // Code as measured wins over the file as it is now, and the difference is reported.
  const measured = targetSourceInfo(await loadTarget(file), dir, { 'node_modules/tiny-pad/lib/pad.js': 'export function padLeft(s) { return s; }\n' });
  t.deepEqual(measured.changed, ['node_modules/tiny-pad/lib/pad.js']);
  t.is(primarySource(measured.files)?.code, 'export function padLeft(s) { return s; }\n');
});
