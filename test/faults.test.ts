import test from 'ava';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wedge = path.join(repo, 'bin/wedge.mjs');
const fixture = (name: string) => path.join(repo, 'test/fixtures', `${name}.target.ts`);

interface Summary {
  hangs: number;
  ooms: number;
  errors: number;
  errorGroups: Record<string, number>;
  corpus: string;
  findings: { kind: string; input?: unknown }[];
}

async function fuzz(cwd: string, target: string, ...extra: string[]): Promise<Summary> {
  const { stdout } = await run('node', [wedge, 'fuzz', fixture(target), '--json', '--workers', '1', ...extra], { cwd, timeout: 90_000 });
  return JSON.parse(stdout) as Summary;
}

const findingFiles = (cwd: string, corpus: string) => {
  const dir = path.join(cwd, corpus, 'findings');
  return existsSync(dir) ? readdirSync(dir).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { kind: string; input: number }) : [];
};

test('an infinite loop is a hang finding; the worker is replaced and the campaign ends normally', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-hang-'));
  const s = await fuzz(cwd, 'spin', '--time', '4s', '--exec-timeout', '300ms');
  t.true(s.hangs >= 1);
  const hangs = findingFiles(cwd, s.corpus).filter((f) => f.kind === 'hang');
  t.true(hangs.length >= 1);
  for (const h of hangs) t.true(h.input > 90, `the saved input ${h.input} is one that hangs`);
});

test('a replaced worker is not taken for hung while it starts: hangs match real hanging inputs', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-hang-once-'));
  const s = await fuzz(cwd, 'spin-once', '--time', '5s', '--exec-timeout', '300ms');
  t.true(s.hangs >= 1);
  const hangs = findingFiles(cwd, s.corpus).filter((f) => f.kind === 'hang');
  t.true(hangs.length >= 1);
  // Every recorded hang is the one hanging input, and there are no more hangs than the
  // replacements that could have happened in 5 s (each one takes a worker start, ~0.5 s).
  for (const h of hangs) t.is(h.input, 100);
  t.true(s.hangs <= 12, `${s.hangs} hangs`);
});

test('a throwing target is counted and grouped by error, and --keep-errors saves one input per error', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-throw-'));
  const s = await fuzz(cwd, 'picky', '--execs', '3000', '--keep-errors');
  t.true(s.errors > 0);
  t.deepEqual(Object.keys(s.errorGroups).sort(), ['RangeError: multiple of three', 'TypeError: multiple of five']);
  const saved = findingFiles(cwd, s.corpus).filter((f) => f.kind === 'error');
  t.is(saved.length, 2);
  for (const f of saved) t.true(f.input % 3 === 0 || f.input % 5 === 0);
});

test('an input that exhausts memory is an oom finding; the campaign ends normally', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-oom-'));
  const s = await fuzz(cwd, 'hoard', '--time', '6s', '--memory', '256', '--exec-timeout', '20s');
  t.true(s.ooms >= 1);
  const ooms = findingFiles(cwd, s.corpus).filter((f) => f.kind === 'oom');
  t.true(ooms.length >= 1);
  for (const o of ooms) t.true(o.input > 90);
});

test('a campaign killed with SIGKILL loses no file written before, and resumes', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-kill-'));
  const target = path.join(repo, 'targets/insertion-sort.target.ts');
  const child = spawn('node', [wedge, 'fuzz', target, '--time', '60s', '--workers', '2'], { cwd, stdio: 'ignore' });
  const dir = path.join(cwd, 'corpora/insertion-sort');
  const list = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')) : []);
  const until = Date.now() + 60_000;
  while (list().length < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const before = new Map(list().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  t.true(before.size >= 30, `${before.size} files before the kill`);
  for (const [f, text] of before) {
    t.true(existsSync(path.join(dir, f)), `${f} survives`);
    t.is(readFileSync(path.join(dir, f), 'utf8'), text);
  }
  for (const f of list()) t.notThrows(() => JSON.parse(readFileSync(path.join(dir, f), 'utf8')), `${f} parses`);
  const { stdout, stderr } = await run('node', [wedge, 'fuzz', target, '--time', '1s', '--workers', '1'], { cwd });
  t.regex(stdout, /resumed from \d+/);
  const resumed = Number(/resumed from (\d+)/.exec(stdout)![1]);
  t.true(resumed >= before.size);
  t.notRegex(stderr, /corrupt/);
  t.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'temporary files of the killed run are cleaned up');
});

test('a corrupt corpus file is skipped with a warning that names it', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-corrupt-'));
  const target = path.join(repo, 'targets/insertion-sort.target.ts');
  await run('node', [wedge, 'fuzz', target, '--execs', '500', '--workers', '1'], { cwd });
  const dir = path.join(cwd, 'corpora/insertion-sort');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path.join(dir, 'deadbeef.json'), '{"input": [1, 2');
  const { stdout, stderr } = await run('node', [wedge, 'fuzz', target, '--execs', '500', '--workers', '1'], { cwd });
  t.regex(stderr, /warning: skipping corrupt corpus file .*deadbeef\.json/);
  t.regex(stdout, /resumed from \d+/);
});

test('Ctrl-C stops the campaign, prints the summary and exits 130', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-int-'));
  const target = path.join(repo, 'targets/insertion-sort.target.ts');
  const child = spawn('node', [wedge, 'fuzz', target, '--time', '60s', '--workers', '1'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const dir = path.join(cwd, 'corpora/insertion-sort');
  const until = Date.now() + 60_000;
  while (!(existsSync(dir) && readdirSync(dir).length > 5) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  t.is(code, 130);
  t.regex(stdout, /insertion-sort: \d+ execs/);
  t.regex(stdout, /report: reports\/insertion-sort\//);
});
