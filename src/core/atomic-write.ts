import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let counter = 0;

/**
 * Writes a file so that a reader (or a crash) sees the old content or the new, never a part:
 * write a temporary name in the same folder, then rename over the target.
 */
export function writeFileAtomic(file: string, data: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
