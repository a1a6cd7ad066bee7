// Where the real-world suite's pieces live: the shared set (targets.json, install.sh, harness.mjs)
// and the cache project the packages are installed into, outside the repository.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** One entry of targets.json (the fields the suite reads). */
export interface RealworldTarget {
  id: string;
  package: string;
  install_alias: string;
  fixed_alias: string;
  esm: boolean;
  call: string;
  L: number;
  ratio: number;
  /** A generator `L => string`, for scoring only: never shown to the search. */
  known_attack: string;
}

export interface RealworldPaths {
  /** The shared set: targets.json, install.sh, harness.mjs. */
  dir: string;
  targetsJson: string;
  installSh: string;
  harness: string;
  /** The cache project: package.json, node_modules/, targets/, reports/. */
  cache: string;
  nodeModules: string;
}

/** `--realworld DIR`, else $WEDGE_REALWORLD_DIR, else ../shared/realworld beside the repository. */
export function realworldDir(root: string, flag?: string): string {
  const dir = path.resolve(flag ?? process.env.WEDGE_REALWORLD_DIR ?? path.resolve(root, '../shared/realworld'));
  const missing = ['targets.json', 'install.sh', 'harness.mjs'].filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new Error(`the real-world set is not at ${dir} (missing ${missing.join(', ')}): pass --realworld DIR or set WEDGE_REALWORLD_DIR`);
  }
  return dir;
}

/** `--cache DIR`, else $XDG_CACHE_HOME/wedge-bench/realworld, else ~/.cache/wedge-bench/realworld; never inside the repository. */
export function cacheDir(root: string, flag?: string): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  const dir = path.resolve(flag ?? path.join(base, 'wedge-bench', 'realworld'));
  const rel = path.relative(path.resolve(root), dir);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new Error(`the cache folder ${dir} is inside the repository: pass --cache DIR outside ${root}`);
  }
  return dir;
}

export function realworldPaths(root: string, flags: { realworld?: string; cache?: string }): RealworldPaths {
  const dir = realworldDir(root, flags.realworld);
  const cache = cacheDir(root, flags.cache);
  return {
    dir,
    targetsJson: path.join(dir, 'targets.json'),
    installSh: path.join(dir, 'install.sh'),
    harness: path.join(dir, 'harness.mjs'),
    cache,
    nodeModules: path.join(cache, 'node_modules'),
  };
}

export function readTargets(file: string): RealworldTarget[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { targets?: RealworldTarget[] } | RealworldTarget[];
  const list = Array.isArray(doc) ? doc : doc.targets;
  if (!Array.isArray(list)) throw new Error(`${file}: no "targets" list`);
  return list;
}
