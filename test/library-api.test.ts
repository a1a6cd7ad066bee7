import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OPTIONS, run, verify, type StoredReport } from '../src/index.js';
import { SEARCH_WRAP_UP_MS } from '../src/core/time-plan.js';

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
  t.is(result.plan, undefined, 'only an execution budget: no time plan');
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

test('the library follows the time plan of its time budget: phases planned to add up to it, each phase given its share', async (t) => {
  t.timeout(600_000);
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-lib-'));
  const totalMs = 20_000;
  // An execution budget as well keeps the search short; the plan still gives each phase its time.
  const result = await run(target, { root, seed: 3, execs: 500, workers: 1, top: 2, baselineInputs: 3, timeMs: totalMs, constraints: false });
  t.is(result.stopped, undefined);
  const plan = result.plan!;
  t.truthy(plan, 'a time budget makes a plan');
  t.deepEqual(plan.phases.map(([phase]) => phase), ['constraints', 'search', 'verification']);
  t.is(plan.phases.reduce((s, [, ms]) => s + ms, 0), totalMs, 'the planned phases add up to the budget');
  const verifyPlanned = plan.phases.find(([phase]) => phase === 'verification')![1];
  t.is(verifyPlanned, 0.4 * totalMs);
  // The search was given its deadline (recorded as its time budget), shorter than its planned phase by the wrap-up.
  const searchPlanned = plan.phases.find(([phase]) => phase === 'search')![1];
  t.is(result.search.report.budget?.timeMs, searchPlanned - SEARCH_WRAP_UP_MS);
  // Verification fitted its time per input to its share: under the 1 s it takes with time to spare.
  t.true(result.verification!.verified.method.minTotalMs < OPTIONS.minTime.default);

  // verify alone: its default time in all (15 s) is shared by the inputs, 22 or more here, so each gets less than 1 s...
  const report = path.join(root, result.search.reportPath);
  const alone = await verify(target, { root, report, top: 2, baselineInputs: 20 });
  t.true(alone.verified.method.minTotalMs < OPTIONS.minTime.default, `${alone.verified.method.minTotalMs} ms per input`);
  // ...while an explicit minTimeMs is the time per input outright.
  const outright = await verify(target, { root, report, top: 2, baselineInputs: 3, minTimeMs: 20 });
  t.is(outright.verified.method.minTotalMs, 20);
});
