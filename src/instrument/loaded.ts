// Which source files this thread has loaded, so a glob that matched nothing can be answered with
// the files it could have named.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { toPosix } from '../core/posix-path.js';
import { withRealBase } from './match.js';

/** Files loaded as ES modules, as the load hook reports them (it runs on another thread). */
const esmLoaded = new Set<string>();
/** Wedge's own code and dependencies: never what a glob should name. */
const WEDGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OWN = ['src', 'dist', 'bin', 'node_modules'].map((d) => path.join(WEDGE_ROOT, d) + path.sep);
const LIST_AT_MOST = 25;
const SOURCE = /\.(c|m)?[jt]sx?$/;
/** CommonJS files loaded before the hooks were installed: Wedge's machinery, not the target's. */
let before = new Set<string>();

export function markLoadedBefore(): void {
  before = new Set(Object.keys(createRequire(import.meta.url).cache));
}

export function noteEsmLoaded(url: string): void {
  if (url.startsWith('file:')) esmLoaded.add(fileURLToPath(url.replace(/[?#].*$/, '')));
}

/** Every file loaded so far: CommonJS from require.cache, ES modules from the load hook. */
export async function loadedFiles(): Promise<string[]> {
  // The hook's messages arrive through the event loop: let the last ones in.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const cjs = Object.keys(createRequire(import.meta.url).cache);
  const theirs = (f: string) => path.isAbsolute(f) && SOURCE.test(f) && !before.has(f) && !OWN.some((d) => f.startsWith(d));
  return [...new Set([...cjs, ...esmLoaded])].filter(theirs).sort();
}

/** The root folder of the package `dir` lies in, when it lies in node_modules. */
function packageRoot(dir: string): string | undefined {
  const parts = toPosix(dir).split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm < 0 || nm + 1 >= parts.length) return undefined;
  const end = parts[nm + 1]!.startsWith('@') ? nm + 3 : nm + 2;
  return parts.slice(0, Math.min(end, parts.length)).join('/');
}

/**
 * Where each glob points: the package root for a glob into node_modules (its files are what a
 * user globs for), else the glob's fixed folder; through a symlink, its real path too.
 */
export function globScopes(globs: string[], baseDir: string): string[] {
  return globs.flatMap((g) =>
    withRealBase(toPosix(path.resolve(baseDir, g))).map((abs) => {
      const scan = picomatch.scan(abs);
      const base = scan.isGlob ? scan.base : path.dirname(scan.base);
      return packageRoot(base) ?? base;
    }),
  );
}

/** Package roots of loaded files inside node_modules, with how many files each. */
function packagesOf(files: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of files) {
    const root = packageRoot(path.dirname(f));
    if (root) counts.set(root, (counts.get(root) ?? 0) + 1);
  }
  return [...counts];
}

function listed(lines: string[]): string {
  const shown = lines.slice(0, LIST_AT_MOST).map((l) => `    ${l}`);
  if (lines.length > LIST_AT_MOST) shown.push(`    … and ${lines.length - LIST_AT_MOST} more`);
  return shown.join('\n');
}

/** The error for globs that matched no loaded file, with the files they could have named. */
export async function nothingMatchedMessage(targetFile: string, globs: string[], baseDir: string): Promise<string> {
  const files = await loadedFiles();
  const scopes = [...new Set(globScopes(globs, baseDir))];
  const under = files.filter((f) => scopes.some((s) => f.startsWith(s + path.sep) || f === s));
  const rel = (f: string) => toPosix(path.relative(baseDir, f)) || '.';
  const lines = [`${targetFile}: field "instrument" matched no loaded source file (globs: ${globs.join(', ')}; relative to ${baseDir})`];
  if (under.length > 0) {
    lines.push(`  files loaded from ${scopes.map(rel).join(', ')} (paths relative to the target file):`, listed(under.map(rel)));
  } else {
    lines.push(`  no file under ${scopes.map(rel).join(', ')} was loaded`);
    const packages = packagesOf(files);
    if (packages.length > 0) lines.push('  packages loaded from node_modules:', listed(packages.map(([p, n]) => `${rel(p)}/ (${n} file${n === 1 ? '' : 's'})`)));
  }
  return lines.join('\n');
}
