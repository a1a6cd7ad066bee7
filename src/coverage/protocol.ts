import type { CoverageMapData } from 'istanbul-lib-coverage';

/** What a coverage worker replays: the inputs from `from` on, except those in `skip`. */
export interface CoverageJob {
  targetFile: string;
  globs: string[];
  baseDir: string;
  inputs: unknown[];
  from: number;
  /** Inputs that hung or ended a worker before: never run again. */
  skip: number[];
  /** [index of the input running, Date.now() when it started (0 between inputs)]. */
  watch: SharedArrayBuffer;
}

export type CoverageMessage =
  /** Everything this worker has covered so far, and the inputs it has run: all before `next`. */
  | { type: 'snapshot'; next: number; coverage: CoverageMapData; errors: Record<string, number>; ran: number }
  | { type: 'done' }
  /** The target could not be loaded. */
  | { type: 'fatal'; message: string };
