import type { LineHits } from '../runtime/line-hits.js';

/** What the parent asks of a measurement child process, one request at a time. */
export type MeasureRequest =
  | { type: 'init'; targetFile: string; globs: string[]; baseDir: string }
  /** Random inputs of the target's arbitrary at (or nearest to) each requested size. */
  | { type: 'sample'; sizes: number[]; perSize: number; maxDraws: number; seed: number }
  /** One run per input: work, one wall time, optionally per-line hits. */
  | { type: 'work'; inputs: unknown[]; lines?: boolean }
  /** Warm up, then repeat each input (round-robin) until it has minRuns runs and minTotalMs. */
  | { type: 'time'; inputs: unknown[]; options: TimingOptions };

export interface TimingOptions {
  minRuns: number;
  minTotalMs: number;
  warmupMs: number;
  /** Calls are batched until one run takes about this long, so fast calls are timed above the clock's noise. */
  runMs: number;
}

export interface SampleSet {
  requested: number;
  inputs: unknown[];
  sizes: number[];
}

export interface WorkResult {
  work: number;
  timeMs: number;
  error?: string;
  lines?: LineHits[];
}

export interface TimingResult {
  work: number;
  /** Per-call wall time of each run (a run's time divided by its calls). */
  runsMs: number[];
  callsPerRun: number;
  /** Measured time summed over the runs, warm-up excluded. */
  totalMs: number;
  error?: string;
}

/** How far a long request has got: inputs warmed up, inputs with all their runs, of the total. */
export interface MeasureProgress {
  warmed: number;
  done: number;
  total: number;
  /** Of the measuring all inputs need (runs and time), the share done. */
  fraction: number;
}

export type MeasureResponse =
  | { type: 'ready' }
  | ({ type: 'progress'; id: number } & MeasureProgress)
  | { type: 'result'; id: number; result: unknown }
  | { type: 'failed'; id: number; message: string };

export type MeasureEnvelope = { id: number; request: MeasureRequest };
