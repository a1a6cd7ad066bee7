import path from 'node:path';
import picomatch from 'picomatch';

/** Turns the target's globs (relative to its file) into one matcher over absolute paths. */
export function fileMatcher(globs: string[], baseDir: string): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const absolute = globs.map((g) => path.resolve(baseDir, g).split(path.sep).join('/'));
  const isMatch = picomatch(absolute, { dot: true });
  return (file) => isMatch(file.split(path.sep).join('/'));
}

/** Key a file is known by in probes and reports: relative to the working directory. */
export function fileKey(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}
