import type { EngineOptions, EngineResult, EngineStatus } from './engine.js';
import type { Entry } from './scheduler.js';

/** What a worker is asked to do. */
export type WorkerJob =
  | {
      kind: 'fuzz';
      targetFile: string;
      globs: string[];
      baseDir: string;
      options: Omit<EngineOptions, 'onKeep' | 'onStatus' | 'onError' | 'shouldStop' | 'watch'>;
      /** Shared with the main thread: the running input, for hang and crash attribution. */
      watch: SharedArrayBuffer;
    }
  | { kind: 'exec'; targetFile: string; globs: string[]; baseDir: string; inputs: unknown[]; repeats: number; returnResults?: boolean };

/** Per-line hit counts of one input, for display. */
export interface LineHits {
  file: string;
  line: number;
  hits: number;
}

export interface ExecReport {
  work: number;
  timesMs: number[];
  error?: string;
  lines: LineHits[];
  /** Per-probe counters, by global probe id. */
  counters: number[];
  /** What the target returned (with returnResults), for checking behaviour is unchanged. */
  result?: unknown;
}

export type WorkerMessage =
  | { type: 'ready'; probes: number }
  | { type: 'keep'; entry: Omit<Entry, 'held'>; reasons: number }
  | { type: 'status'; status: EngineStatus }
  | { type: 'fuzz-done'; result: Omit<EngineResult, 'entries'> }
  | { type: 'exec-done'; reports: ExecReport[] }
  | { type: 'target-error'; key: string; input: unknown }
  | { type: 'error'; message: string };

export type ParentMessage = { type: 'stop' } | { type: 'import'; inputs: unknown[] };
