import { checkExecInput } from '../target/check-input.js';
import { inputHash, parseCorpusFile, type CorpusFile } from '../fuzz/corpus.js';
import type { Target } from '../target/load.js';

/** An input in a target's shared corpus: a corpus file, with which host found it and when. */
export interface SharedEntry extends CorpusFile {
  host: string;
  /** Epoch ms when it was announced. */
  at: number;
}

/**
 * Reads an input that came from Redis as a corpus file is read, then checks it as `wedge exec`
 * checks an input (size budget, `validate`): another host, an older version of the target or
 * anyone with access to Redis may have written it. Its key must be its content hash.
 */
export function decodeEntry(text: string, target: Target, where: string): SharedEntry {
  const file = parseCorpusFile(text, where) as SharedEntry;
  if (file.target !== target.id) throw new Error(`${where}: an input of target ${String(file.target)}, not ${target.id}`);
  const hash = inputHash(file.input);
  if (file.hash !== hash) throw new Error(`${where}: stored under hash ${String(file.hash)} but its input hashes to ${hash}`);
  checkExecInput(target, file.input, where);
  return file;
}

/** The host name every status and announcement carries: machine and process. */
export function hostName(hostname: string, pid: number): string {
  return `${hostname}/${pid}`;
}
