import { existsSync } from 'node:fs';
import path from 'node:path';
import { corpusDir, readCorpus, writeCorpusFile } from '../fuzz/corpus.js';
import { checkExecInput } from '../target/check-input.js';
import type { Target } from '../target/load.js';
import { decodeEntry, type SharedEntry } from './entry.js';
import type { SharedCorpus } from './shared-corpus.js';

export interface Synced {
  /** Hashes in Redis or in the local folder: neither imported again nor announced twice. */
  known: Set<string>;
  /** Inputs written into the local folder from Redis. */
  fetched: number;
  /** Local inputs Redis does not have (found by an earlier job on this host that died before announcing, or by a local run). */
  localOnly: SharedEntry[];
  refused: number;
}

/**
 * Brings `corpora/<id>/` and the shared corpus together before a job searches: inputs only in
 * Redis are checked and written into the folder (the campaign resumes from it), inputs only in
 * the folder are returned to be announced.
 */
export async function syncLocalCorpus(shared: SharedCorpus, target: Target, root: string, host: string, where: string, warn: (m: string) => void): Promise<Synced> {
  const dir = corpusDir(root, target.id);
  const local = new Map(readCorpus(dir, warn).map((f) => [f.hash, f]));
  const known = new Set(local.keys());
  let fetched = 0;
  let refused = 0;
  const remote = new Set<string>();
  for await (const [hash, text] of shared.all()) {
    remote.add(hash);
    known.add(hash);
    if (local.has(hash) || existsSync(path.join(dir, `${hash}.json`))) continue;
    try {
      writeCorpusFile(dir, decodeEntry(text, target, `${where} ${shared.keys.corpus} ${hash}`));
      fetched++;
    } catch (e) {
      refused++;
      warn(`refused an input from Redis: ${(e as Error).message}`);
    }
  }
  const localOnly: SharedEntry[] = [];
  for (const [hash, f] of local) {
    if (remote.has(hash) || f.target !== target.id) continue;
    try {
      checkExecInput(target, f.input, path.join(dir, `${hash}.json`));
      localOnly.push({ ...f, host, at: Date.now() });
    } catch {
      // The campaign's engine refuses it as well; it is not shared.
    }
  }
  return { known, fetched, localOnly, refused };
}
