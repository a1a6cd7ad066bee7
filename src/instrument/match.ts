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
  try {
    const real = toPosix(realpathSync(base));
    return real === base ? [glob] : [glob, real + glob.slice(base.length)];
  } catch {
    return [glob]; // nothing there (yet): the glob as written
  }
}

/** Key a file is known by in probes and reports: relative to the working directory. */
export function fileKey(file: string): string {
  return relativePosix(process.cwd(), file);
}
