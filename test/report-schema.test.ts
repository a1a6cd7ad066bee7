import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readReport } from '../src/report/report-file.js';

const exec = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wedge = path.join(repo, 'bin/wedge.mjs');

test('a report a search writes reads back; a wrong field is refused with its name, by the library and the CLI', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-schema-'));
  const { stdout } = await exec('node', [wedge, 'fuzz', path.join(repo, 'targets/insertion-sort.target.ts'), '--execs', '300', '--workers', '1', '--no-corpus', '--json'], { cwd: dir });
  const file = path.join(dir, (JSON.parse(stdout) as { report: string }).report);
  const written = readReport(file);
  t.true(written.top.length > 0);

  const report = JSON.parse(readFileSync(file, 'utf8')) as { top: { work: unknown }[] };
  report.top[0]!.work = 'heavy';
  const wrong = path.join(dir, 'wrong.json');
  writeFileSync(wrong, JSON.stringify(report));
  t.throws(() => readReport(wrong), { message: /wrong\.json: not a valid Wedge report: field "top\[0\]\.work": .*number/ });
  const cli = await exec('node', [wedge, 'report', wrong], { cwd: dir }).then(
    () => '',
    (e: { stderr: string }) => e.stderr,
  );
  t.regex(cli, /field "top\[0\]\.work"/);
});

test('the verified section is checked too, and a report written before a field existed still reads', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-schema-'));
  const file = path.join(dir, 'report.json');
  // The fields a report has always had, and nothing else.
  const old = { target: 't', run: 'r', top: [{ hash: 'aa', input: [3, 2, 1], work: 6 }], progress: [] };
  writeFileSync(file, JSON.stringify(old));
  t.is(readReport(file).top[0]!.work, 6);
  writeFileSync(file, JSON.stringify({ ...old, verified: { findings: [{ rank: 1, input: [1], size: 'one', work: 1 }] } }));
  t.throws(() => readReport(file), { message: /field "verified\.findings\[0\]\.size"/ });
  writeFileSync(file, JSON.stringify({ ...old, findings: [{ kind: 'slow', hash: 'bb' }] }));
  t.throws(() => readReport(file), { message: /field "findings\[0\]\.kind"/ });
});
