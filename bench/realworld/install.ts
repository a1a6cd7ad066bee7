// The cache project a user would have: the packages (vulnerable and fixed), their own
// fast-check, and Wedge linked in from this checkout.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { RealworldPaths, RealworldTarget } from './config.js';

const log = (m: string) => process.stderr.write(`realworld: ${m}\n`);

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed with status ${r.status}`);
}

/** Installs what is missing; a populated cache is left as it is. */
export function ensureCache(paths: RealworldPaths, targets: RealworldTarget[], root: string): void {
  mkdirSync(paths.cache, { recursive: true });
  const aliases = targets.flatMap((t) => [t.install_alias, t.fixed_alias]);
  const missing = aliases.filter((a) => !existsSync(path.join(paths.nodeModules, a, 'package.json')));
  if (missing.length > 0) {
    log(`installing ${missing.length} missing package(s) into ${paths.cache} (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})`);
    run('bash', [paths.installSh, paths.cache, '--with-fixed'], paths.cache);
  }
  if (!hasFastCheck4(paths.nodeModules)) {
    log(`installing fast-check@4 into ${paths.cache}`);
    run('npm', ['install', '--no-audit', '--no-fund', 'fast-check@4'], paths.cache);
  }
  // Last: an npm install prunes what package.json does not list, a linked checkout included.
  linkWedge(paths.nodeModules, root);
}

function hasFastCheck4(nodeModules: string): boolean {
  const file = path.join(nodeModules, 'fast-check', 'package.json');
  if (!existsSync(file)) return false;
  const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };
  return typeof version === 'string' && version.startsWith('4.');
}

/** node_modules/wedge → the repository: a linked install, as a user testing a local checkout has. */
function linkWedge(nodeModules: string, root: string): void {
  const link = path.join(nodeModules, 'wedge');
  const want = path.resolve(root);
  let stat;
  try {
    stat = lstatSync(link);
  } catch {
    stat = undefined;
  }
  if (stat?.isSymbolicLink() && path.resolve(nodeModules, readlinkSync(link)) === want) return;
  if (stat) {
    if (!stat.isSymbolicLink()) throw new Error(`${link} exists and is not a symlink: remove it so the suite can link this checkout`);
    rmSync(link);
  }
  symlinkSync(want, link, 'dir');
  log(`linked ${link} -> ${want}`);
}
