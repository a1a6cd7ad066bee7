import test from 'ava';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadTarget, TargetError } from '../src/target/load.js';

const run = promisify(execFile);

test('a broken target file names the file and each bad field', async (t) => {
  const e = await t.throwsAsync(loadTarget('test/fixtures/broken.target.ts'), { instanceOf: TargetError });
  t.regex(e!.message, /broken\.target\.ts/);
  t.regex(e!.message, /field "maxSize" must be > 0/);
  t.regex(e!.message, /field "instrument" must name at least one glob/);
});

test('a target file that does not parse names the file', async (t) => {
  const e = await t.throwsAsync(loadTarget('test/fixtures/syntax-error.target.ts'), { instanceOf: TargetError });
  t.regex(e!.message, /syntax-error\.target\.ts: cannot be loaded/);
});

test('an unknown target id says where it looked', async (t) => {
  const e = await t.throwsAsync(loadTarget('no-such-target'));
  t.regex(e!.message, /targets\/no-such-target\.target\.ts/);
});

test('the CLI exits non-zero with the error for a broken target', async (t) => {
  const e = await t.throwsAsync(run('node', ['bin/wedge.mjs', 'fuzz', 'test/fixtures/broken.target.ts', '--execs', '10']));
  const err = e as Error & { code: number; stderr: string };
  t.is(err.code, 1);
  t.regex(err.stderr, /wedge: .*broken\.target\.ts: invalid target/);
});
