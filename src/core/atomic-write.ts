import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let counter = 0;

/** Temporaries are named `.<file>.<pid>.<n>.tmp`: the pid tells a clean-up whose they are. */
export const TEMPORARY_NAME = /^\..*\.(\d+)\.\d+\.tmp$/;

function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
}

/**
 * Writes a file so that a reader (or a crash) sees the old content or the new, never a part:
 * write a temporary name in the same folder, then rename over the target.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = temporaryName(file);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    // A full disk leaves a partial temporary: it must not outlive the failed write.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // A read-only folder: nothing was created there either.
    }
    throw e;
  }
}

/**
 * Writes several files that belong together: every one goes to a temporary name first, and only
 * when all are written are they renamed into place, so a failure (a full disk) leaves the old
 * files as they were and no temporary behind.
 */
export function writeFilesAtomic(files: { path: string; data: string | Uint8Array }[]): void {
  const written: { tmp: string; file: string }[] = [];
  try {
    for (const f of files) {
      mkdirSync(path.dirname(f.path), { recursive: true });
      const tmp = temporaryName(f.path);
      written.push({ tmp, file: f.path });
      writeFileSync(tmp, f.data);
    }
  } catch (e) {
    for (const w of written) rmSync(w.tmp, { force: true });
    throw e;
  }
  for (const w of written) renameSync(w.tmp, w.file);
}
