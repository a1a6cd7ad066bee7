import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wedge = path.join(repo, 'bin/wedge.mjs');
const target = path.join(repo, 'targets/insertion-sort.target.ts');

async function fuzz(cwd: string, ...extra: string[]) {
  const { stdout } = await run('node', [wedge, 'fuzz', target, '--execs', '4000', '--seed', '3', '--json', ...extra], { cwd });
  return JSON.parse(stdout) as { best: { work: number }; corpus: string; report: string; execs: number };
}

test('fuzz --execs --seed reproduces the same best work, and exec reproduces a corpus file\'s work', async (t) => {
  const a = mkdtempSync(path.join(tmpdir(), 'wedge-cli-'));
  const b = mkdtempSync(path.join(tmpdir(), 'wedge-cli-'));
  const [first, second] = await Promise.all([fuzz(a), fuzz(b)]);
  t.true(first.best.work > 0);
  t.is(first.best.work, second.best.work);
  t.is(first.execs, 4000);

  const report = JSON.parse(readFileSync(path.join(a, first.report), 'utf8')) as { best: { work: number }; top: { work: number }[] };
  t.is(report.best.work, first.best.work);
  t.true(report.top.length > 0);

  const dir = path.join(a, first.corpus);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  t.true(files.length > 0);
  t.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  const heaviest = files
    .map((f) => ({ f, work: (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { work: number }).work }))
    .sort((x, y) => y.work - x.work)[0]!;
  const { stdout } = await run('node', [wedge, 'exec', target, '--input', path.join(dir, heaviest.f), '--json', '--repeats', '3'], { cwd: a });
  const exec = JSON.parse(stdout) as { work: number; recordedWork: number; hotLines: { line: number; hits: number }[] };
  t.is(exec.work, heaviest.work);
  t.is(exec.recordedWork, heaviest.work);
  t.true(exec.hotLines.length > 0);
});

test('fuzz resumes from the corpus it left', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-cli-'));
  await fuzz(dir);
  const { stdout } = await run('node', [wedge, 'fuzz', target, '--execs', '500', '--seed', '4'], { cwd: dir });
  t.regex(stdout, /resumed from \d+/);
});

test('--help shows each default once, with its unit, as the README gives it', async (t) => {
  const help = async (command: string) => {
    const { stdout } = await run('node', [wedge, ...command.split(' '), '--help']);
    const text = stdout.replace(/\s+/g, ' ');
    t.notRegex(text, /\(default: [^)]*\) \(default:/, `${command}: one default per option`);
    // An option's default: the first one after its flag, with no other option between.
    return (flag: string) => {
      const rest = text.slice(text.indexOf(` ${flag} <`) + 1);
      const m = /\(default: [^)]*\)/.exec(rest);
      return m && !/ --[a-z-]+ </.test(rest.slice(0, m.index)) ? m[0] : `${flag}: no default`;
    };
  };
  for (const command of ['run', 'fuzz', 'gate']) {
    const option = await help(command);
    t.regex(option('--exec-timeout'), /\(default: 2s\)/, command);
    t.regex(option('--memory'), /\(default: 2048 MB\)/, command);
    t.regex(option('--workers'), /\(default: the number of cores, \d+ here\)/, command);
  }
  const verifyHelp = await help('verify');
  t.regex(verifyHelp('--time'), /\(default: 15s\)/);
  t.regex(verifyHelp('--min-time'), /\(default: fitted to --time, at most 1s/);
  t.regex((await help('exec'))('--exec-timeout'), /\(default: 2s\)/);
  t.regex((await help('gate'))('--threshold'), /\(default: 10%\)/);
  t.regex((await help('export tests'))('--tolerance'), /\(default: 10%\)/);
});
