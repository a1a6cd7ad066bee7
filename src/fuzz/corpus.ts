import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { TEMPORARY_NAME, writeFileAtomic } from '../core/atomic-write.js';
import type { CostedInput } from '../core/costed-input.js';

/** A kept input with what it cost. */
/** An input the search kept: its cost, why it was kept and when. */
export interface Kept extends CostedInput {
  hash: string;
  input: unknown;
  size: number;
  work: number;
  timeMs: number;
  /** Why it was kept: seed, new-probe, new-max, new-work, new-time, new-niche. */
  reasons: string[];
  foundAtMs: number;
}

/** One kept input as stored in `corpora/<target>/<hash>.json`. */
export interface CorpusFile extends Kept {
  version: 1;
  target: string;
  mode: string;
  seed: number;
}

export function inputHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16);
}

export function corpusDir(root: string, targetId: string): string {
  return path.join(root, 'corpora', targetId);
}

/** Writes one corpus file atomically; returns its path. */
export function writeCorpusFile(dir: string, file: CorpusFile): string {
  const out = path.join(dir, `${file.hash}.json`);
  writeFileAtomic(out, JSON.stringify(file, null, 1) + '\n');
  return out;
}

export function parseCorpusFile(text: string, where: string): CorpusFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not valid JSON (${(e as Error).message})`);
  }
  const d = data as Partial<CorpusFile>;
  if (typeof d !== 'object' || d === null || !('input' in d)) throw new Error(`${where}: no "input" field`);
  if (typeof d.work !== 'number') throw new Error(`${where}: field "work" must be a number`);
  return d as CorpusFile;
}

/**
 * The names in a folder; none when it is missing or cannot be listed (a file in its place, no
 * permission): a corpus that cannot be read is an empty one, said once, never a crash.
 */
function listFolder(dir: string, warn?: (message: string) => void): string[] {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir);
  } catch (e) {
    warn?.(`cannot read the corpus folder ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); starting without it`);
    return [];
  }
}

/** Reads every corpus file of a folder; a corrupt one is skipped and reported, not fatal. */
export function readCorpus(dir: string, warn: (message: string) => void): CorpusFile[] {
  const names = listFolder(dir, warn);
  const out: CorpusFile[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const file = path.join(dir, name);
    try {
      out.push(parseCorpusFile(readFileSync(file, 'utf8'), file));
    } catch (e) {
      warn(`skipping corrupt corpus file ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * A temporary this old is left over whatever its pid says: no write takes minutes, and a pid may
 * have been reused, or belong to a run on another machine sharing the folder.
 */
export const STALE_TEMPORARY_MS = 10 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporaries left by a run that was killed mid-write (they never became corpus files):
 * this process's own, those of a process that is gone, and any older than a few minutes. Another
 * live run on the same corpus may be writing the others right now.
 */
export function removeTemporaries(dir: string, now = Date.now()): number {
  let removed = 0;
  for (const name of listFolder(dir)) {
    if (!(name.startsWith('.') && name.endsWith('.tmp'))) continue;
    const file = path.join(dir, name);
    const pid = Number(TEMPORARY_NAME.exec(name)?.[1] ?? NaN);
    let stale: boolean;
    try {
      stale = now - statSync(file).mtimeMs > STALE_TEMPORARY_MS;
    } catch {
      continue; // gone meanwhile: its writer renamed it into place
    }
    const orphan = Number.isInteger(pid) && pid > 0 && (pid === process.pid || !processAlive(pid));
    if (!stale && !orphan) continue;
    try {
      rmSync(file, { force: true });
      removed++;
    } catch {
      // A read-only folder: the writes that follow will say so.
    }
  }
  return removed;
}
