import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { leftOutNote, targetFindings } from '../src/export/findings.js';
import { renderTestSuite, type SuiteSpec } from '../src/export/test-suite.js';
import { apiSpecifier, budgetFor } from '../src/export/tests.js';
import { fixtureProject, removeProject, repo, runIn, useCode, wedge } from './helpers/fixture-project.js';

// A user's project with the three frameworks linked in; ava runs TypeScript through tsx in
// child processes (worker threads do not take the --import hook on Node 20).
const project = fixtureProject('export-tests', ['ava', 'vitest', 'tsx']);
writeFileSync(
  path.join(project, 'ava.config.js'),
  "export default { files: ['test/**/*.test.ts'], extensions: { ts: 'module' }, nodeArguments: ['--import=tsx'], workerThreads: false };\n",
);
// Vite resolves `wedge` itself, without Node's conditions: the `wedge-source` one (see
// fixture-project.ts) goes first in its server conditions, ahead of Vite's defaults.
writeFileSync(
  path.join(project, 'vitest.config.mjs'),
  "export default { ssr: { resolve: { conditions: ['wedge-source', 'module', 'node', 'development|production'] } } };\n",
);
const bin = (pkg: string, file: string) => path.join(project, 'node_modules', pkg, file);
test.after.always(() => removeProject(project));

test.before(async () => {
  const r = await wedge(project, 'fuzz', 'dedupe', '--execs', '1000', '--workers', '1', '--seed', '2');
  if (r.code !== 0) throw new Error(`fuzz failed: ${r.stderr}`);
});

async function exportSuite(framework: string, ...extra: string[]): Promise<string> {
  const out = `test/perf/dedupe.${framework}.test.ts`;
  const r = await wedge(project, 'export', 'tests', 'dedupe', '--framework', framework, '--out', out, '--top', '3', ...extra);
  if (r.code !== 0) throw new Error(`export failed: ${r.stderr}`);
  return r.stdout;
}

test.serial('an ava suite runs green under ava', async (t) => {
  const stdout = await exportSuite('ava');
  t.regex(stdout, /^wrote test\/perf\/dedupe\.ava\.test\.ts: 3 tests for dedupe, findings from corpora\/dedupe\//m);
  t.regex(stdout, /run it: npx ava test\/perf\/dedupe\.ava\.test\.ts/);
  const source = readFileSync(path.join(project, 'test/perf/dedupe.ava.test.ts'), 'utf8');
  t.regex(source, /^import \{ openReplay \} from "wedge";$/m, 'outside Wedge\'s repository the suite imports the package');
  t.regex(source, /openReplay\(new URL\("\.\.\/\.\.\/targets\/dedupe\.target\.ts", import\.meta\.url\)\)/);
  const r = await runIn(project, process.execPath, [bin('ava', 'entrypoints/cli.mjs'), 'test/perf/dedupe.ava.test.ts']);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout + r.stderr, /3 tests passed/);
});

test.serial('a node:test suite with a wall-time check runs green under node --test', async (t) => {
  await exportSuite('node', '--time-factor', '1000');
  const source = readFileSync(path.join(project, 'test/perf/dedupe.node.test.ts'), 'utf8');
  t.regex(source, /const TIME_FACTOR = 1000;/);
  t.regex(source, /timeMs: [\d.e-]+,/);
  const r = await runIn(project, process.execPath, ['--import', 'tsx', '--test', 'test/perf/dedupe.node.test.ts']);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /^# pass 6$/m);
  t.regex(r.stdout, /^# fail 0$/m);
});

test.serial('a vitest suite runs green under vitest', async (t) => {
  await exportSuite('vitest');
  const r = await runIn(project, process.execPath, [bin('vitest', 'vitest.mjs'), 'run', 'test/perf/dedupe.vitest.test.ts']);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /Tests\s+3 passed/);
});

test.serial('on the regressed copy the exported tests fail, naming the work and the budget', async (t) => {
  useCode(project, 'regressed');
  try {
    const r = await runIn(project, process.execPath, ['--import', 'tsx', '--test', 'test/perf/dedupe.node.test.ts']);
    t.not(r.code, 0);
    t.regex(r.stdout, /work \d+ is over the budget \d+ \(recorded \d+ \+ 10%\)/);
    const v = await runIn(project, process.execPath, [bin('vitest', 'vitest.mjs'), 'run', 'test/perf/dedupe.vitest.test.ts']);
    t.not(v.code, 0);
    t.regex(v.stdout + v.stderr, /is over the budget/);
  } finally {
    useCode(project, 'fixed');
  }
});

test.serial('a suite written inside Wedge\'s repository imports src/index.ts by relative path and runs', async (t) => {
  // .wedge-tmp/ is ignored by git and outside the tsconfig and ava globs of the repository.
  mkdirSync(path.join(repo, '.wedge-tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(repo, '.wedge-tmp', 'export-'));
  try {
    const file = path.join(dir, 'dedupe.perf.test.ts');
    const r = await wedge(project, 'export', 'tests', 'dedupe', '--framework', 'node', '--out', file, '--top', '2');
    t.is(r.code, 0, r.stderr);
    const source = readFileSync(file, 'utf8');
    t.regex(source, /^import \{ openReplay \} from "\.\.\/\.\.\/src\/index\.ts";$/m);
    const run = await runIn(project, process.execPath, ['--import', 'tsx', '--test', file]);
    t.is(run.code, 0, run.stdout + run.stderr);
    t.regex(run.stdout, /^# pass 2$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('budgets: recorded work plus the tolerance, rounded down', (t) => {
  t.is(budgetFor(100, 10), 110);
  t.is(budgetFor(130, 10), 143);
  t.is(budgetFor(7, 0), 7);
  t.is(budgetFor(999, 12.5), 1123);
});

test('a file inside Wedge\'s repository imports src/index.ts by relative path; elsewhere "wedge"', (t) => {
  t.is(apiSpecifier(path.join(repo, 'test/perf/x.perf.test.ts')), '../../src/index.ts');
  t.is(apiSpecifier(path.join(repo, 'x.test.ts')), './src/index.ts');
  t.is(apiSpecifier(path.join(tmpdir(), 'app/test/x.test.ts')), 'wedge');
  t.is(apiSpecifier(path.join(repo, 'node_modules/app/x.test.ts')), 'wedge');
});

test('the rendered suite uses each framework\'s own API and keeps inputs exact', (t) => {
  const spec: SuiteSpec = {
    framework: 'ava',
    targetId: 't',
    targetPath: './t.target.ts',
    api: 'wedge',
    from: 'corpora/t/',
    tolerancePercent: 10,
    command: 'wedge export tests t --framework ava',
    notes: ['t: 1 hang finding left out: ...'],
    cases: [
      { hash: 'aa', work: 10, budget: 11, input: [1, 2] },
      { hash: 'bb', work: 5, budget: 5, input: JSON.parse('{"__proto__":{"x":1}}') },
    ],
  };
  const ava = renderTestSuite(spec);
  t.regex(ava, /^import test from 'ava';$/m);
  t.regex(ava, /test\.after\.always\(\(\) => replay\.close\(\)\);/);
  t.regex(ava, /^\/\/ Note: "t: 1 hang finding left out/m);
  t.regex(ava, /input: \[1,2\],/);
  // A "__proto__" key in an object literal would set the prototype: such an input is parsed.
  t.regex(ava, /input: JSON\.parse\("\{\\"__proto__\\":\{\\"x\\":1\}\}"\),/);
  t.notRegex(ava, /TIME_FACTOR/);
  const node = renderTestSuite({ ...spec, framework: 'node', timeFactor: 3, cases: [{ ...spec.cases[0]!, timeMs: 0.0123456 }] });
  t.regex(node, /^import \{ after, before, test \} from 'node:test';$/m);
  t.regex(node, /assert\.ok\(medianMs <= TIME_FACTOR \* f\.timeMs/);
  t.regex(node, /timeMs: 0\.01235,/);
  const vitest = renderTestSuite({ ...spec, framework: 'vitest' });
  t.regex(vitest, /^import \{ afterAll, beforeAll, expect, test \} from 'vitest';$/m);
  t.regex(vitest, /\.toBeLessThanOrEqual\(f\.budget\);/);
});

test('findings: a verified report wins over the corpus; hangs and OOMs are counted and left out', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-findings-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const corpus = path.join(root, 'corpora/t');
  mkdirSync(path.join(corpus, 'findings'), { recursive: true });
  const corpusFile = (hash: string, work: number) =>
    writeFileSync(path.join(corpus, `${hash}.json`), JSON.stringify({ version: 1, target: 't', mode: 'wedge', seed: 1, hash, input: [work], size: 1, work, timeMs: 0, reasons: [], foundAtMs: 0 }));
  corpusFile('aa', 5);
  corpusFile('bb', 9);
  corpusFile('cc', 7);
  writeFileSync(path.join(corpus, 'findings/hang-0123abcd.json'), '{}');
  writeFileSync(path.join(corpus, 'findings/oom-4567abcd.json'), '{}');

  const fromCorpus = targetFindings(root, 't', { top: 2 });
  t.deepEqual(fromCorpus.findings.map((f) => f.hash), ['bb', 'cc']);
  t.is(fromCorpus.from, 'corpora/t/ (top 2 of 3 by work)');
  t.deepEqual(fromCorpus.leftOut, { hang: 1, oom: 1, error: 0 });
  t.regex(leftOutNote(fromCorpus)!, /^t: 1 hang, 1 oom findings left out: /);

  const run = path.join(root, 'reports/t/2026-01-01T00-00-00-000');
  mkdirSync(run, { recursive: true });
  const report = {
    target: 't',
    run: 'r',
    top: [],
    progress: [],
    findings: [{ version: 1, target: 't', kind: 'hang', hash: '0123abcd', detail: 'timeout', foundAtMs: 1 }],
    verified: { findings: [{ rank: 1, hash: 'vv', input: [42], size: 1, work: 42 }] },
  };
  writeFileSync(path.join(run, 'report.json'), JSON.stringify(report));
  const verified = targetFindings(root, 't');
  t.deepEqual(verified.findings, [{ hash: 'vv', input: [42], work: 42, size: 1 }]);
  t.regex(verified.from, /^reports\/t\/2026-01-01T00-00-00-000\/report\.json \(verified findings\)$/);
  t.deepEqual(verified.leftOut, { hang: 1, oom: 1, error: 0 }, 'the same hang in the report and the corpus counts once');

  t.throws(() => targetFindings(root, 'none'), { message: /no findings for target "none".*wedge run none/ });
});
