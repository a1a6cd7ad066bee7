import type { Target } from '../target/load.js';
import type { ExtraProbes } from '../instrument/install.js';
import type { Kept } from './corpus.js';
import type { EngineResult, EngineStatus, SearchMode } from './engine-types.js';
import type { FindingFile } from './findings.js';
import type { ConstraintStat } from './constraint-stats.js';
import type { RegexVerdict } from './regex-hints.js';

export interface CampaignOptions {
  target: Target;
  mode: SearchMode;
  seed: number;
  timeMs?: number;
  execs?: number;
  /** Worker threads, each with its own instrumented copy of the target. */
  workers?: number;
  /** A single execution longer than this is a hang: the worker is replaced, the input kept. Default: OPTIONS.execTimeout (2000 ms). */
  execTimeoutMs?: number;
  /** Old-generation heap limit of each worker; exceeding it is an `oom` finding. */
  memoryMb?: number;
  /** Save the first input of each distinct error the target throws as an `error` finding. */
  keepErrors?: boolean;
  /** Project root: corpora/ lives under it. */
  root: string;
  /** Read and write corpora/<id>/ (off for benchmarks, which start from nothing). */
  useCorpus: boolean;
  /** Keep confirmed new maximum wall times; off when an exact replay is wanted. */
  timeFeedback: boolean;
  /** Keep a uniform sample of this many executed inputs in the result (first worker). */
  reservoir?: number;
  onStatus?: (status: CampaignStatus) => void;
  warn?: (message: string) => void;
  /** Resolves when the campaign should stop early (e.g. Ctrl-C). */
  stop?: Promise<void>;
  /** Constraint probes by absolute source path (see src/constraints). */
  constraints?: ExtraProbes;
  /** Connects this campaign to others searching the same target (see src/fleet). */
  exchange?: CampaignExchange;
}

/**
 * What a campaign shares with campaigns elsewhere: its own finds go out as they are stored, and
 * inputs kept elsewhere come in and are forwarded to the workers as their own keeps are.
 */
export interface CampaignExchange {
  /** An input this campaign kept, after it is stored in the corpus folder. */
  kept(k: Kept): void;
  /** A hang, out-of-memory or error finding, after it is stored. */
  finding(f: FindingFile): void;
  /** Inputs kept elsewhere since the last call, already checked against the target. */
  take(): unknown[];
}

export type { Kept };

export interface WorkerStatus {
  index: number;
  generation: number;
  alive: boolean;
  execs: number;
  execsPerSec: number;
}

export interface CampaignStatus extends EngineStatus {
  workers: WorkerStatus[];
  /** Size of the largest kept input, against the target's budget. */
  largestKept: number;
  maxSize: number;
  hangs: number;
  ooms: number;
}

export interface CampaignResult extends Omit<EngineResult, 'entries'> {
  kept: Kept[];
  findings: FindingFile[];
  workers: number;
  hangs: number;
  ooms: number;
  corpusDir?: string;
  resumedFrom: number;
  /** Per constraint: reached or not, when first, median work of kept inputs satisfying it vs not. */
  constraints?: ConstraintStat[];
  /** Every regex the target compiled, with the ReDoS checker's verdict. */
  regexes?: RegexVerdict[];
  /**
   * The corpus folder could not be written (read-only, full disk): the first error, and how many
   * inputs and findings of this run exist only in this result and its report.
   */
  unsaved?: { error: string; files: number };
  /**
   * Executions per second of the search loops, summed over workers: each worker's executions
   * over its own search time, so loading and instrumenting the target are left out.
   */
  searchExecsPerSec: number;
}
