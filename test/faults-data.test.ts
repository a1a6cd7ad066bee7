import test from 'ava';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { removeTemporaries } from '../src/fuzz/corpus.js';
import { checkJsonInputs, firstNotJson } from '../src/fuzz/json-contract.js';

// Serial: each test starts several CLI processes and worker threads, and side by side on a
// loaded machine they ran into the per-command timeout.
const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wedge = path.join(repo, 'bin/wedge.mjs');
const insertionSort = path.join(repo, 'targets/insertion-sort.target.ts');

/** Runs the CLI; resolves with its output and exit code whatever the code. */
async function cli(cwd: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('node', [wedge, ...args], { cwd, timeout: 90_000 });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

/**
 * Makes a folder unwritable: chmod for an ordinary user; root ignores modes, so the immutable
 * attribute where the file system has it. Returns the undo, or undefined when neither works.
 */
function readOnly(dir: string): (() => void) | undefined {
  mkdirSync(dir, { recursive: true });
  const writable = () => {
    try {
      writeFileSync(path.join(dir, '.probe'), '');
      rmSync(path.join(dir, '.probe'));
      return true;
    } catch {
      return false;
    }
  };
  chmodSync(dir, 0o555);
  if (!writable()) return () => chmodSync(dir, 0o755);
  chmodSync(dir, 0o755);
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  if (!writable()) return () => execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
  execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
  return undefined;
}

/**
 * A folder no process can write into, whoever runs the tests: read-only where the system allows,
 * else a plain file standing where the folder should be (every write under it fails, even as root).
 */
function unwritable(dir: string): () => void {
  const undo = readOnly(dir);
  if (undo) return undo;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  writeFileSync(dir, 'not a folder');
  return () => rmSync(dir, { force: true });
}

test.serial('start-up clean-up removes its own, dead and stale temporaries, not those of a live run', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-tmp-'));
  const gone = spawn('node', ['-e', '0']);
  await new Promise((r) => gone.once('exit', r));
  const live = spawn('node', ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    const names = {
      live: `.a.json.${live.pid}.0.tmp`,
      dead: `.b.json.${gone.pid}.0.tmp`,
      own: `.c.json.${process.pid}.3.tmp`,
      liveButOld: `.d.json.${live.pid}.1.tmp`,
      unknownRecent: '.e.json.tmp',
    };
    for (const n of Object.values(names)) writeFileSync(path.join(dir, n), '{');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(path.join(dir, names.liveButOld), hourAgo, hourAgo);
    t.is(removeTemporaries(dir), 3);
    t.deepEqual(readdirSync(dir).sort(), [names.live, names.unknownRecent].sort());
  } finally {
    live.kill();
  }
});

test.serial('an unwritable corpus folder is reported once; the campaign goes on in memory and ends with its report', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-ro-corpus-'));
  const undo = unwritable(path.join(cwd, 'corpora/insertion-sort'));
  try {
    const r = await cli(cwd, 'fuzz', insertionSort, '--execs', '2000', '--workers', '1');
    t.is(r.code, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: cannot write'));
    t.is(warnings.length, 1, r.stderr);
    t.regex(warnings[0]!, /corpora\/insertion-sort \(.+\); the campaign goes on in memory/);
    t.regex(r.stdout, /insertion-sort: \d+ execs/);
    t.regex(r.stdout, /not saved: \d+ files of this run/);
    const report = /report: (reports\/\S+report\.json)/.exec(r.stdout)?.[1];
    t.truthy(report && existsSync(path.join(cwd, report)), r.stdout);
  } finally {
    undo();
  }
});

test.serial('a report that cannot be written: the summary is printed, the failure named, exit 1', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-ro-report-'));
  const undo = unwritable(path.join(cwd, 'reports'));
  try {
    const r = await cli(cwd, 'fuzz', insertionSort, '--execs', '1000', '--workers', '1');
    t.is(r.code, 1);
    t.regex(r.stdout, /insertion-sort: \d+ execs/);
    t.regex(r.stdout, /report: not written to reports\/insertion-sort\/\S+\/report\.json \(/);
    t.regex(r.stderr, /wedge: could not write the report reports\/insertion-sort\/\S+\/report\.json: /);
    const j = await cli(cwd, 'fuzz', insertionSort, '--execs', '1000', '--workers', '1', '--json');
    t.is(j.code, 1);
    const summary = JSON.parse(j.stdout) as { reportError?: string; best: { work: number } };
    t.truthy(summary.reportError);
    t.true(summary.best.work > 0);
    // wedge run: the search's summary, then why verification could not run; exit 1.
    const run = await cli(cwd, 'run', insertionSort, '--time', '2s', '--workers', '1', '--no-constraints');
    t.is(run.code, 1, run.stderr);
    t.regex(run.stdout, /insertion-sort: \d+ execs/);
    t.regex(run.stderr, /could not write the report .*verification needs it/);
  } finally {
    undo();
  }
});

test.serial('values that do not survive JSON are named with their place and what to use instead', (t) => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const cases: [unknown, string, RegExp][] = [
    [new Date(0), 'input', /fc\.date\(\) gives Date objects, which are stored as strings: .*|Date objects/],
    [{ when: new Date(0) }, 'input.when', /ISO string or a number/],
    [new Map([[1, 2]]), 'input', /Map.*\{\}.*\[key, value\] pairs/],
    [[1, new Set([1])], 'input[1]', /Set.*build the Set inside fn/],
    [{ a: undefined }, 'input.a', /undefined.*null/],
    [[0, NaN], 'input[1]', /NaN.*stored as null/],
    [-0, 'input', /-0.*stored as 0/],
    [Infinity, 'input', /Infinity.*null/],
    [10n, 'input', /BigInt/],
    [{ f: () => 1 }, 'input.f', /function/],
    [cyclic, 'input.self', /cyclic/],
    [{ 'a b': [new Uint8Array(2)] }, 'input["a b"][0]', /Uint8Array/],
  ];
  for (const [value, where, what] of cases) {
    const bad = firstNotJson(value);
    t.truthy(bad, String(where));
    t.is(bad!.path, where);
    t.regex(`${bad!.what}: ${bad!.instead}`, what);
  }
  for (const ok of [0, -1.5, 'é\u{1F600}', null, true, [], {}, [[1, 'a'], { b: null }], Object.assign(Object.create(null) as object, { x: 1 })]) {
    t.is(firstNotJson(ok), undefined, JSON.stringify(ok));
  }
  t.throws(() => checkJsonInputs([1, 2, { d: new Date(0) }], 'x'), { message: /target x: inputs must be JSON values .*at input\.d, fc\.date\(\) gives Date objects, which are stored as strings; generate an ISO string or a number and convert inside fn/ });
});

test.serial('a target whose arbitrary makes Dates is refused at start with what to use instead, no stack', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-dates-'));
  const r = await cli(cwd, 'fuzz', path.join(repo, 'test/fixtures/dates.target.ts'), '--execs', '200', '--workers', '1');
  t.not(r.code, 0);
  t.regex(r.stderr, /inputs must be JSON values .*at input, fc\.date\(\) gives Date objects, which are stored as strings; generate an ISO string or a number and convert inside fn/);
  t.notRegex(r.stderr, /^\s+at /m);
  t.false(existsSync(path.join(cwd, 'corpora/fault-dates')) && readdirSync(path.join(cwd, 'corpora/fault-dates')).some((f) => f.endsWith('.json')), 'nothing altered was stored');
});

const fixture = (name: string) => path.join(repo, 'test/fixtures', `${name}.target.ts`);

interface JsonSummary {
  errors: number;
  errorGroups: Record<string, number>;
  findings: { kind: string; detail: string; input?: unknown }[];
  best: { work: number };
}

test.serial('a target that returns a Promise is refused with what to do instead', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-async-'));
  const r = await cli(cwd, 'fuzz', fixture('async'), '--execs', '300', '--workers', '1');
  t.is(r.code, 1);
  t.regex(r.stderr, /wedge: fn returned a Promise: Wedge measures synchronous work; await nothing inside fn/);
  const e = await cli(cwd, 'exec', fixture('async'), '--input', inputFile(cwd, [1, 2]));
  t.not(e.code, 0);
  t.regex(e.stderr, /fn returned a Promise/);
});

test.serial('process.exit in the target is an error finding and the campaign goes on', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-exit-'));
  const r = await cli(cwd, 'fuzz', fixture('quitter'), '--execs', '3000', '--workers', '1', '--json');
  t.is(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as JsonSummary;
  const key = 'TargetExit: process.exit(3) called by the target';
  t.true((s.errorGroups[key] ?? 0) > 0, JSON.stringify(s.errorGroups));
  const found = s.findings.filter((f) => f.kind === 'error' && f.detail === key);
  t.is(found.length, 1, 'kept without --keep-errors');
  t.true((found[0]!.input as number) > 90);
  t.true(s.best.work > 0);
});

test.serial('a promise the target rejects and leaves unhandled is an error group, not a crash of the worker', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-reject-'));
  const r = await cli(cwd, 'fuzz', fixture('rejecter'), '--execs', '3000', '--workers', '1', '--json');
  t.is(r.code, 0, r.stderr);
  t.notRegex(r.stderr, /crashed/);
  const s = JSON.parse(r.stdout) as JsonSummary;
  t.true((s.errorGroups['UnhandledRejection: Error: odd'] ?? 0) > 0, JSON.stringify(s.errorGroups));
});

function inputFile(dir: string, input: unknown): string {
  const file = path.join(dir, 'input.json');
  writeFileSync(file, JSON.stringify(input));
  return file;
}

test.serial('wedge exec stops an execution past --exec-timeout, and refuses inputs over the budget or failing validate', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-exec-'));
  const started = Date.now();
  const hang = await cli(cwd, 'exec', path.join(repo, 'test/fixtures/spin.target.ts'), '--input', inputFile(cwd, 95), '--exec-timeout', '300ms');
  t.is(hang.code, 1);
  t.regex(hang.stderr, /one execution ran longer than 300 ms/);
  t.true(Date.now() - started < 60_000);
  const big = await cli(cwd, 'exec', insertionSort, '--input', inputFile(cwd, Array.from({ length: 100 }, (_, i) => i)));
  t.is(big.code, 1);
  t.regex(big.stderr, /the input has size 100, over the budget of target insertion-sort \(maxSize 64\)/);
  const invalid = await cli(cwd, 'exec', insertionSort, '--input', inputFile(cwd, [5000, 1]));
  t.is(invalid.code, 1);
  t.regex(invalid.stderr, /the input fails validate of target insertion-sort/);
  const ok = await cli(cwd, 'exec', insertionSort, '--input', inputFile(cwd, [3, 2, 1]), '--repeats', '2', '--json');
  t.is(ok.code, 0, ok.stderr);
  t.true((JSON.parse(ok.stdout) as { work: number }).work > 0);
});

test.serial("a target's console.log never reaches stdout: --json prints only the JSON, the output goes to stderr", async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-chatty-'));
  const r = await cli(cwd, 'fuzz', fixture('chatty'), '--execs', '500', '--workers', '1', '--json');
  t.is(r.code, 0, r.stderr);
  t.notThrows(() => JSON.parse(r.stdout), r.stdout.slice(0, 300));
  t.regex(r.stderr, /loading chatty/);
  t.regex(r.stderr, /chatty \d+/);
  t.true(r.stderr.length < 80 * 1024, 'the target output is bounded');
  const plain = await cli(cwd, 'fuzz', fixture('chatty'), '--execs', '300', '--workers', '1');
  t.notRegex(plain.stdout, /chatty \d+|raw \d+/);
  const e = await cli(cwd, 'exec', fixture('chatty'), '--input', inputFile(cwd, 7), '--repeats', '2', '--json');
  t.is(e.code, 0, e.stderr);
  t.is((JSON.parse(e.stdout) as { target: string }).target, 'fault-chatty');
  t.notRegex(e.stdout, /chatty \d|raw \d|loading/);
});
