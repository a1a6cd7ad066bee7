import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { fileMatcher } from '../instrument/match.js';
import { relativePosix } from '../core/posix-path.js';

/** One instrumented source file of a target. */
export interface SourceFile {
  /** Absolute real path: the key module hooks see. */
  abs: string;
  /** Relative to the target file's folder: how constraints name it. */
  rel: string;
  code: string;
  hash: string;
}

const SOURCE = /\.(c|m)?[jt]s$/;
const MAX_FILES = 2000;

export function sourceHash(code: string): string {
  return createHash('sha256').update(code).digest('hex').slice(0, 12);
}

/**
 * The files a target's `instrument` globs name, read. Literal paths are taken as they are; a
 * glob is expanded under its fixed base folder (node_modules only when the base is inside it).
 */
export function targetSources(target: { dir: string; instrument: string[] }): SourceFile[] {
  const matches = fileMatcher(target.instrument, target.dir);
  const found = new Set<string>();
  for (const glob of target.instrument) {
    const scan = picomatch.scan(glob);
    if (!scan.isGlob) {
      const p = path.resolve(target.dir, glob);
      if (existsSync(p) && statSync(p).isFile()) found.add(p);
      continue;
    }
    const base = path.resolve(target.dir, scan.base || '.');
    const inModules = base.split(path.sep).includes('node_modules');
    const walk = (dir: string) => {
      if (found.size >= MAX_FILES || !existsSync(dir)) return;
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if ((e.name === 'node_modules' && !inModules) || e.name.startsWith('.')) continue;
          walk(p);
        } else if (SOURCE.test(e.name) && matches(p)) found.add(p);
      }
    };
    walk(base);
  }
  return [...found].sort().map((p) => {
    const code = readFileSync(p, 'utf8');
    return { abs: realpathSync(p), rel: relativePosix(target.dir, p), code, hash: sourceHash(code) };
  });
}
