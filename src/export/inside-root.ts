import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * A path read from a file Wedge did not necessarily write itself (a committed baseline, a
 * report) resolved against the project root, and refused when it leads outside it: a baseline
 * from a pull request must not make `wedge gate` import and run a file anywhere on the machine.
 * Symbolic links are followed before the check, so a link inside the project cannot lead out.
 */
export function resolveInsideRoot(root: string, p: string, where: { file: string; field: string }): string {
  const rootReal = realOrSelf(path.resolve(root));
  const resolved = path.resolve(rootReal, p);
  const real = realOrSelf(resolved);
  for (const candidate of [resolved, real]) {
    const rel = path.relative(rootReal, candidate);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new OutsideRootError(`${where.file}: field "${where.field}" (${JSON.stringify(p)}) resolves outside the project (${rootReal}); paths in it must name files inside the project`);
    }
  }
  return resolved;
}

export class OutsideRootError extends Error {}

function realOrSelf(p: string): string {
  try {
    return existsSync(p) ? realpathSync(p) : p;
  } catch {
    return p;
  }
}
