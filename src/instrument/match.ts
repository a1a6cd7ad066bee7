import { realpathSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { relativePosix, toPosix } from '../core/posix-path.js';

/**
 * Turns the target's globs (relative to its file) into one matcher over absolute paths. Node
 * loads a symlinked package (npm link, pnpm) from its real path, so a glob through a symlink is
 * matched at its real path too.
 */
export function fileMatcher(globs: string[], baseDir: string): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const absolute = globs.flatMap((g) => withRealBase(toPosix(path.resolve(baseDir, g))));
  const isMatch = picomatch(absolute, { dot: true });
  return (file) => isMatch(toPosix(file));
}

/** The glob, and the same glob from the real path of its fixed part when that differs. */
export function withRealBase(glob: string): string[] {
  const scan = picomatch.scan(glob);
  const base = scan.isGlob ? scan.base : glob;
  const real = realPath(base);
  return real === undefined || real === base ? [glob] : [glob, real + glob.slice(base.length)];
}

/** The real path of the longest existing part of `p` (below the root), with the rest as written. */
function realPath(p: string): string | undefined {
  const parts = p.split('/');
  for (let i = parts.length; i > 1; i--) {
    try {
      const real = toPosix(realpathSync(parts.slice(0, i).join('/')));
      return [real, ...parts.slice(i)].join('/');
    } catch {
      // not there: try its parent
    }
  }
  return undefined;
}

/** Key a file is known by in probes and reports: relative to the working directory. */
export function fileKey(file: string): string {
  return relativePosix(process.cwd(), file);
}
