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
}

export function findingsDir(corpusDir: string): string {
  return path.join(corpusDir, 'findings');
}

export function writeFinding(dir: string, f: Omit<FindingFile, 'version' | 'hash'>): { file: string; finding: FindingFile } {
  const finding: FindingFile = { version: 1, hash: inputHash(f.input ?? f.detail), ...f };
  const file = path.join(dir, `${f.kind}-${finding.hash}.json`);
  writeFileAtomic(file, JSON.stringify(finding, null, 1) + '\n');
  return { file, finding };
}
