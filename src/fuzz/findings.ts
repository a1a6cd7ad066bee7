import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { inputHash } from './corpus.js';

/** Inputs that did not finish normally: kept apart from the corpus so a resume never re-runs them as seeds. */
export type FindingKind = 'hang' | 'oom' | 'error';

export interface FindingFile {
  version: 1;
  target: string;
  kind: FindingKind;
  hash: string;
  /** Undefined when the input was too large to record. */
  input?: unknown;
  /** What happened: the timeout, the memory limit, or the error message. */
  detail: string;
  foundAtMs: number;
  /** A hang's time has this lower bound (the exec timeout it was stopped at); its true time is unknown. */
  minTimeMs?: number;
}

export function findingsDir(corpusDir: string): string {
  return path.join(corpusDir, 'findings');
}

/**
 * Bounds on error findings kept on disk: a target whose error messages quote the input makes a
 * new error group of nearly every input, and `--keep-errors` must not fill the disk with them.
 * Hangs and OOMs are not bounded: each costs a worker, so they come slowly.
 */
export const ERROR_FINDINGS_MAX_FILES = 200;
export const ERROR_FINDINGS_MAX_BYTES = 16 * 1024 * 1024;
/** An error finding's input larger than this (as JSON) is recorded without it; the message stays. */
export const ERROR_FINDING_MAX_INPUT_BYTES = 256 * 1024;
/** Error messages are cut to this many characters in a finding. */
export const ERROR_DETAIL_MAX_CHARS = 2000;

/** Error findings already in each folder (counted once per process, then kept up to date). */
const errorTally = new Map<string, { files: number; bytes: number }>();

function tallyOf(dir: string): { files: number; bytes: number } {
  let t = errorTally.get(dir);
  if (!t) {
    t = { files: 0, bytes: 0 };
    let names: string[] = [];
    try {
      names = existsSync(dir) ? readdirSync(dir) : [];
    } catch {
      // Not a folder one can list: nothing in it counts, and writes into it will fail and be reported.
    }
    {
      for (const name of names) {
        if (!/^error-.*\.json$/.test(name)) continue;
        t.files++;
        try {
          t.bytes += statSync(path.join(dir, name)).size;
        } catch {
          // Removed meanwhile: it no longer counts.
        }
      }
    }
    errorTally.set(dir, t);
  }
  return t;
}

/**
 * Writes a finding file; `file` is undefined when an error finding was not written because the
 * folder holds as many error findings as it may (the finding is still returned, for the report).
 */
export function writeFinding(dir: string, f: Omit<FindingFile, 'version' | 'hash'>): { file?: string; finding: FindingFile } {
  const finding: FindingFile = { version: 1, hash: inputHash(f.input ?? f.detail), ...f };
  if (f.kind === 'error') {
    if (finding.detail.length > ERROR_DETAIL_MAX_CHARS) finding.detail = `${finding.detail.slice(0, ERROR_DETAIL_MAX_CHARS)}… (${f.detail.length} chars)`;
    if ((JSON.stringify(finding.input) ?? '').length > ERROR_FINDING_MAX_INPUT_BYTES) delete finding.input;
    const text = JSON.stringify(finding, null, 1) + '\n';
    const tally = tallyOf(dir);
    const bytes = Buffer.byteLength(text);
    if (tally.files >= ERROR_FINDINGS_MAX_FILES || tally.bytes + bytes > ERROR_FINDINGS_MAX_BYTES) return { finding };
    const file = path.join(dir, `${f.kind}-${finding.hash}.json`);
    const existed = existsSync(file);
    writeFileAtomic(file, text);
    if (!existed) {
      tally.files++;
      tally.bytes += bytes;
    }
    return { file, finding };
  }
  const file = path.join(dir, `${f.kind}-${finding.hash}.json`);
  writeFileAtomic(file, JSON.stringify(finding, null, 1) + '\n');
  return { file, finding };
}
