import type { SourceRegex } from '../instrument/probe-kinds.js';
import type { RegexHint } from './regex-hints.js';
import type { GrowthFinding } from './pump-search.js';
import type { Entry } from './scheduler.js';

/** `random`: fast-check sampling only; `coverage`: keep new probes only; `wedge`: full cost feedback. */
export type SearchMode = 'random' | 'coverage' | 'wedge';

export interface EngineOptions {
  mode: SearchMode;
  seed: number;
  /** Stop after this long (ms) or this many executions, whichever comes first. */
  timeMs?: number;
  execs?: number;
  /** Keep inputs that set a confirmed new maximum wall time (off for exact reproducibility). */
  timeFeedback: boolean;
  /** Inputs from an existing corpus, run before the fresh samples. */
  initial?: unknown[];
  /** Number of fresh samples of the arbitrary at size 'max'. */
  seedCount?: number;
  /** Keep a uniform sample of this many executed inputs (for throughput comparisons). */
  reservoir?: number;
  /** Told of each input before it runs, so a hang or crash can be attributed to it. */
  watch?: { begin(input: unknown): void; end(): void };
  onKeep?: (entry: Entry, reasons: number) => void;
  onStatus?: (status: EngineStatus) => void;
  /** The first input of each distinct error the target throws. */
  onError?: (key: string, input: unknown) => void;
  /** Told of the regexes the target compiled since the last call (for analysis off this thread). */
  onRegexes?: (regexes: SourceRegex[]) => void;
  /** Regex attacks known before this worker started (a replacement's): tokens and patterns, not re-run at the budget. */
  hints?: RegexHint[];
  /** Inputs not to run again as regex attacks (a replacement's: what hung or ran out of memory before). */
  skipInputs?: unknown[];
  /** Polled between batches; true ends the campaign early. */
  shouldStop?: () => boolean;
}

export interface ProgressPoint {
  tMs: number;
  execs: number;
  bestWork: number;
  bestTimeMs: number;
}

export interface EngineStatus {
  elapsedMs: number;
  execs: number;
  execsPerSec: number;
  corpus: number;
  bestWork: number;
  bestTimeMs: number;
  covered: number;
  probes: number;
  errors: number;
  rejected: number;
  lastFindMs: number;
  /** The fastest-growing pumped pattern so far: sent at once when found, since the pumped input may hang. */
  growth?: GrowthFinding;
  /** Watched regexes (see regex-taps) that some execution ran, by flags + '/' + source. */
  regexReached?: string[];
}

export interface EngineResult extends EngineStatus {
  bestWorkInput: unknown;
  bestTimeInput: unknown;
  entries: Entry[];
  progress: ProgressPoint[];
  errorGroups: Record<string, number>;
  /** A uniform sample of the executed inputs, when asked for. */
  executedSample?: unknown[];
  /** Characters the open alphabets took from the instrumented source. */
  sourceChars?: string[];
  /** The fastest-growing pumped pattern growth-guided search measured. */
  growth?: GrowthFinding;
  growthProbes?: { probes: number; superlinear: number };
}
