import path from 'node:path';
import picomatch from 'picomatch';
import { relativePosix, toPosix } from '../core/posix-path.js';

/** Turns the target's globs (relative to its file) into one matcher over absolute paths. */
export function fileMatcher(globs: string[], baseDir: string): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const absolute = globs.map((g) => toPosix(path.resolve(baseDir, g)));
  const isMatch = picomatch(absolute, { dot: true });
  return (file) => isMatch(toPosix(file));
}

/** Key a file is known by in probes and reports: relative to the working directory. */
export function fileKey(file: string): string {
  return relativePosix(process.cwd(), file);
}
