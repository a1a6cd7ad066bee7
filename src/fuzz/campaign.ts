import path from 'node:path';
import { reasonNames } from './feedback.js';
import { corpusDir, inputHash, readCorpus, writeCorpusFile, type CorpusFile } from './corpus.js';
import type { EngineResult, EngineStatus, SearchMode } from './engine.js';
import { startWorker } from './spawn.js';
import type { Target } from '../target/load.js';

export interface CampaignOptions {
  target: Target;
  mode: SearchMode;
  seed: number;
  timeMs?: number;
  execs?: number;
  /** Project root: corpora/ lives under it. */
  root: string;
  /** Read and write corpora/<id>/ (off for benchmarks, which start from nothing). */
  useCorpus: boolean;
  /** Keep confirmed new maximum wall times; off when an exact replay is wanted. */
  timeFeedback: boolean;
  onStatus?: (status: EngineStatus) => void;
  warn?: (message: string) => void;
  /** Keep a uniform sample of this many executed inputs in the result. */
  reservoir?: number;
  /** Resolves when the campaign should stop early (e.g. Ctrl-C). */
  stop?: Promise<void>;
}

/** A kept input as the campaign reports it. */
export interface Kept {
  hash: string;
  input: unknown;
  size: number;
  work: number;
  timeMs: number;
  reasons: string[];
  foundAtMs: number;
}

export interface CampaignResult extends Omit<EngineResult, 'entries'> {
  kept: Kept[];
  corpusDir?: string;
  resumedFrom: number;
}

/** Runs one search campaign in a worker thread and stores what it keeps, as it keeps it. */
export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const warn = o.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const dir = corpusDir(o.root, o.target.id);
  const previous = o.useCorpus ? readCorpus(dir, warn) : [];
  const kept: Kept[] = [];
  let result: Omit<EngineResult, 'entries'> | undefined;
  let failure: string | undefined;

  const { worker, exited } = startWorker(
    {
      kind: 'fuzz',
      targetFile: o.target.file,
      globs: o.target.instrument,
      baseDir: o.target.dir,
      options: {
        mode: o.mode,
        seed: o.seed,
        timeMs: o.timeMs,
        execs: o.execs,
        timeFeedback: o.timeFeedback,
        reservoir: o.reservoir,
        initial: previous.map((p) => p.input),
      },
    },
    (m) => {
      switch (m.type) {
        case 'keep': {
          const e = m.entry;
          const k: Kept = { hash: inputHash(e.value), input: e.value, size: e.size, work: e.work, timeMs: e.timeMs, reasons: reasonNames(m.reasons), foundAtMs: e.foundAtMs };
          kept.push(k);
          if (o.useCorpus) {
            const file: CorpusFile = { version: 1, target: o.target.id, ...k, mode: o.mode, seed: o.seed };
            writeCorpusFile(dir, file);
          }
          break;
        }
        case 'status':
          o.onStatus?.(m.status);
          break;
        case 'fuzz-done':
          result = m.result;
          void worker.terminate();
          break;
        case 'error':
          failure = m.message;
          void worker.terminate();
          break;
      }
    },
  );
  void o.stop?.then(() => worker.postMessage({ type: 'stop' }));
  const code = await exited;
  if (failure !== undefined) throw new Error(failure);
  if (!result) throw new Error(`the fuzzing worker exited (code ${code}) without a result`);
  return { ...result, kept, corpusDir: o.useCorpus ? path.relative(o.root, dir) : undefined, resumedFrom: previous.length };
}
