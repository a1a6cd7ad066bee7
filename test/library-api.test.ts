import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { run, type StoredReport } from '../src/index.js';

const exec = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repo, 'targets/insertion-sort.target.ts');
const budget = { seed: 3, execs: 2000, workers: 1, minTimeMs: 100, top: 2, baselineInputs: 3 };

/** What a report says that does not depend on the clock or the machine: timings and dates left out. */
function deterministic(r: StoredReport) {
  return {
    target: r.target,
    mode: r.mode,
    seed: r.seed,
    budget: r.budget,
    execs: r.execs,
    corpusSize: r.corpusSize,
    probes: r.probes,
    covered: r.covered,
    errors: r.errors,
    errorGroups: r.errorGroups,
    rejected: r.rejected,
    workers: r.workers,
    hangs: r.hangs,
    ooms: r.ooms,
    findings: r.findings,
    best: { work: r.best.work, input: r.best.input },
    top: r.top.map((k) => ({ hash: k.hash, work: k.work, size: k.size, input: k.input })),
    sizes: r.sizes,
    constraintSet: r.constraintSet,
    constraints: (r.constraints as Record<string, unknown>[] | undefined)?.map(({ firstReachedMs: _time, ...c }) => c),
  };
}

function readRun(root: string): StoredReport {
  const dir = path.join(root, 'reports', 'insertion-sort');
  const runs = readdirSync(dir);
  if (runs.length !== 1) throw new Error(`expected one run under ${dir}, found ${runs.length}`);
  return JSON.parse(readFileSync(path.join(dir, runs[0]!, 'report.json'), 'utf8')) as StoredReport;
}

test('the library runs the whole pipeline and writes the report the CLI writes for the same seed and execution budget', async (t) => {
  t.timeout(600_000);
  const libRoot = mkdtempSync(path.join(tmpdir(), 'wedge-lib-'));
  const cliRoot = mkdtempSync(path.join(tmpdir(), 'wedge-lib-'));

  const result = await run(target, { root: libRoot, ...budget });
  t.is(result.stopped, undefined);
  t.truthy(result.constraints?.synthesized, 'constraints were synthesized first, the file being missing');
  t.truthy(result.verification);
  t.deepEqual(result.phases.map(([phase]) => phase), ['constraints', 'search', 'verification', 'report']);
  t.true(existsSync(result.verification!.html));
  const fromLibrary = readRun(libRoot);
  t.is(fromLibrary.execs, budget.execs);
  t.deepEqual(deterministic(result.search.report as StoredReport), deterministic(fromLibrary), 'the returned report is the one written');

  // The CLI with the same constraints file (synthesis profiles for a bounded time, so its file is
  // shared rather than synthesized twice), the same seed and the same execution budget.
  mkdirSync(path.join(cliRoot, 'constraints'));
  copyFileSync(path.join(libRoot, 'constraints', 'insertion-sort.json'), path.join(cliRoot, 'constraints', 'insertion-sort.json'));
  const flags = ['--seed', '3', '--execs', '2000', '--workers', '1', '--min-time', '100ms', '--top', '2', '--baseline', '3'];
  await exec('node', [path.join(repo, 'bin/wedge.mjs'), 'run', target, ...flags], { cwd: cliRoot });
  const fromCli = readRun(cliRoot);

  t.deepEqual(deterministic(fromLibrary), deterministic(fromCli));
  t.true(fromLibrary.top.length > 0);
  // Verification times the inputs, so only what does not depend on time is compared: both
  // re-measured the input of highest work, and found the same work for it.
  for (const r of [fromLibrary, fromCli]) {
    const best = r.verified?.findings.find((f) => f.hash === r.top[0]!.hash);
    t.truthy(best, 'the best-work input was verified');
    t.is(best?.work, r.top[0]!.work);
  }
});
