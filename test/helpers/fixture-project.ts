import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wedgeBin = path.join(repo, 'bin/wedge.mjs');
const fixtures = path.join(repo, 'test/fixtures/gate');

/**
 * A user's project in a temporary folder, holding the `dedupe` target of test/fixtures/gate
 * (targets/dedupe.target.ts and its code). Its node_modules links the packages it names to
 * this repository's, and `wedge` to the repository itself, so `import ... from 'wedge'`
 * resolves as it does for a user.
 */
export function fixtureProject(prefix: string, packages: string[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), `wedge-${prefix}-`));
  mkdirSync(path.join(dir, 'targets'));
  mkdirSync(path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `${prefix}-fixture`, private: true, type: 'module' }) + '\n');
  symlinkSync(repo, path.join(dir, 'node_modules', 'wedge'), 'dir');
  for (const p of ['fast-check', ...packages]) symlinkSync(path.join(repo, 'node_modules', p), path.join(dir, 'node_modules', p), 'dir');
  copyFileSync(path.join(fixtures, 'dedupe.target.ts'), path.join(dir, 'targets/dedupe.target.ts'));
  useCode(dir, 'fixed');
  return dir;
}

/** Removes a project folder; its node_modules links are removed, never followed. */
export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Puts the fixed (one pass with a Set) or the regressed (inner loop: quadratic) code in place. */
export function useCode(dir: string, which: 'fixed' | 'regressed'): void {
  copyFileSync(path.join(fixtures, which === 'fixed' ? 'dedupe.ts' : 'dedupe-quadratic.ts'), path.join(dir, 'targets/dedupe.ts'));
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end; a non-zero exit is a result, not an exception. `wedge` imported by
 * name resolves to this repository's src/ (the `wedge-source` export condition), in the command
 * and every process it starts, so the tests exercise the sources and not a build of them.
 */
export function runIn(cwd: string, command: string, args: string[], timeoutMs = 110_000): Promise<Ran> {
  const nodeOptions = [process.env.NODE_OPTIONS, '--conditions=wedge-source'].filter(Boolean).join(' ');
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: timeoutMs, env: { ...process.env, NODE_OPTIONS: nodeOptions, NO_COLOR: '1', FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Runs the wedge CLI in a project folder. */
export function wedge(cwd: string, ...args: string[]): Promise<Ran> {
  return runIn(cwd, process.execPath, [wedgeBin, ...args]);
}
