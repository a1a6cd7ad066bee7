import type { LineHits } from '../runtime/line-hits.js';
import type { PowerFit, Spread } from '../core/stats.js';
import type { CostedInput } from '../core/costed-input.js';

/** Which cost a finding is judged by: probe work, or wall time when its cost sits in built-ins. */
export type Bound = 'work' | 'time';

/** Wall time of one input in a fresh process: per-call times of the runs, with spread. */
export interface MeasuredTime extends Spread {
  /** Calls per run (fast calls are batched so a run sits above the clock's noise). */
  callsPerRun: number;
  totalMs: number;
}

export interface Baseline {
  /** The size asked for and the sizes of the random inputs used. */
  requestedSize: number;
  sizes: { min: number; max: number };
  /** Every input had exactly the requested size. */
  exact: boolean;
  count: number;
  /** Median and spread over the inputs of their median times. */
  timeMs: Spread;
  work: Spread;
  /** The baseline input of median work, shown as the typical input's hot lines. */
  typicalInput: unknown;
}

/** A finding re-measured in a fresh process: its cost measured again, against typical inputs of its size. */
export interface VerifiedFinding extends Omit<CostedInput, 'timeMs'> {
  rank: number;
  size: number;
  timeMs: MeasuredTime;
  /** Index into VerifiedSection.baselines. */
  baseline: number;
  slowdown: { ratio: number; low: number; high: number };
  /** Finding work over the baseline's median work. */
  workRatio: number;
  bound: Bound;
  /** Instructions per call from hardware counters, when the machine allows. */
  instructions?: number;
  error?: string;
  minimized?: {
    input: unknown;
    /** Cost kept, as a fraction of the original's (work, or time when time-bound). */
    kept: number;
    executions: number;
    steps: string[];
    work: number;
  };
}

/**
 * A hang finding that ran past the per-run limit again when re-measured: slower than any
 * finding, by at least the limit. Its work is unknown (the run was stopped), so it is kept apart
 * from the findings, which replays and exports take as reproducible work counts.
 */
export interface VerifiedHang {
  hash?: string;
  input: unknown;
  size: number;
  /** The limit its run was stopped at: a lower bound on its time. */
  limitMs: number;
  /** Index into VerifiedSection.baselines. */
  baseline: number;
  /** The limit over the baseline's median time: a lower bound on the slowdown. */
  slowdownAtLeast: number;
}

export interface GrowthPoint {
  size: number;
  work: number;
  timeMs: number;
}

export interface GrowthSeries {
  points: GrowthPoint[];
  work?: PowerFit;
  time?: PowerFit;
}

export interface Growth {
  /** Rank of the finding scaled. */
  finding: number;
  bound: Bound;
  /** How shorter copies were cut from the finding (the costliest cut wins at each size). */
  method: string;
  worst: GrowthSeries;
  typical: GrowthSeries;
  /** Random inputs per size behind each typical point. */
  typicalPerSize: number;
}

export interface Environment {
  node: string;
  v8: string;
  cpu: string;
  cores: number;
  platform: string;
  instructions: { available: boolean; reason?: string };
}

/** The `verified` section of report.json: findings re-measured in isolation. */
export interface VerifiedSection {
  verifiedAt: string;
  method: { process: string; minRuns: number; minTotalMs: number; warmupMs: number; baselineInputs: number };
  environment: Environment;
  findings: VerifiedFinding[];
  /** Hang findings still past the limit, slowest of all (absent when none were verified). */
  hangs?: VerifiedHang[];
  baselines: Baseline[];
  growth?: Growth;
  /** Why growth is missing, when it is. */
  growthNote?: string;
  /** Per-line hits of the slowest finding and of a typical input of its size. */
  hotLines: { slowest: LineHits[]; typical: LineHits[] };
  /** Source text of the instrumented files named in hotLines, as measured. */
  sources: Record<string, string>;
  /** How long each step of the verification took, in ms (absent in reports written before). */
  phasesMs?: VerifyPhases;
  /**
   * Findings whose work in the fresh process differs from what the search recorded: the target
   * keeps state between calls (a cache, a global), so one call's cost depends on the calls before.
   */
  replayChanged?: { hash?: string; searchWork: number; replayWork: number }[];
}

/** Steps of a verification, in the order they run; a step that did not run is absent. */
export interface VerifyPhases {
  hangs?: number;
  timing: number;
  instructions?: number;
  minimizing?: number;
  growth?: number;
}
