import type { EngineOptions, EngineResult, EngineStatus } from './engine-types.js';
import type { Entry } from './scheduler.js';
import type { ExtraProbes } from '../instrument/install.js';
import type { SourceRegex } from '../instrument/probe-kinds.js';
import type { RegexHint } from './regex-hints.js';
import type { LineHits } from '../runtime/line-hits.js';

/** What a worker is asked to do. */
export type WorkerJob =
  | {
      kind: 'fuzz';
      targetFile: string;
      globs: string[];
      baseDir: string;
      options: Omit<EngineOptions, 'onKeep' | 'onStatus' | 'onError' | 'shouldStop' | 'watch'>;
      /**
       * Epoch ms the search must end by. Loading the target takes time the campaign cannot
       * foresee, so the worker sets the engine's time budget from this once it is loaded.
       */
      deadline?: number;
      /** Shared with the main thread: the running input, for hang and crash attribution. */
      watch: SharedArrayBuffer;
      /** Constraint probes by absolute source path. */
      extras?: ExtraProbes;
    }
  | {
      kind: 'exec';
      targetFile: string;
      globs: string[];
      baseDir: string;
      inputs: unknown[];
      repeats: number;
      returnResults?: boolean;
      /** Constraint and measure probes by absolute source path. */
      extras?: ExtraProbes;
      /** Run every input once before timing (default true); off when only counts are wanted. */
      warmup?: boolean;
      /** Shared with the main thread when it watches for executions that run too long. */
      watch?: SharedArrayBuffer;
    };

export type { LineHits };

export interface ExecReport {
  work: number;
  timesMs: number[];
  error?: string;
  lines: LineHits[];
  /** Per-probe counters, by global probe id. */
  counters: number[];
  /** What the target returned (with returnResults), for checking behaviour is unchanged. */
  result?: unknown;
  /** Per constraint probe: times true, and exceptions its guard caught (when there are any). */
  constraints?: Record<string, { hits: number; errors: number }>;
  /** With constraints: the program's own probes (constraint probes left out), as `line kind`, by id. */
  programProbes?: Record<number, string>;
  /** Per measure probe: largest value, mean, times evaluated, exceptions its guard caught. */
  measures?: Record<string, { max: number; mean: number; n: number; errors: number }>;
}

export type WorkerMessage =
  | { type: 'ready'; probes: number }
  | { type: 'keep'; entry: Omit<Entry, 'held'>; reasons: number }
  | { type: 'status'; status: EngineStatus }
  | { type: 'fuzz-done'; result: Omit<EngineResult, 'entries'> }
  | { type: 'exec-done'; reports: ExecReport[] }
  | { type: 'target-error'; key: string; input: unknown }
  /** Regexes the target compiled, not reported before by this worker. */
  | { type: 'regexes'; regexes: SourceRegex[] }
  | { type: 'error'; message: string };

export type ParentMessage = { type: 'stop' } | { type: 'import'; inputs: unknown[] } | { type: 'hints'; hints: RegexHint[] };
