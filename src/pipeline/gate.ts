import { OPTIONS, checkExecTimeout, checkMemory, defaultWorkers } from '../core/options.js';
import type { SearchLimits } from '../core/search-limits.js';
import { DEFAULT_BASELINE } from '../export/baseline.js';
import { runGate, type GateResult } from '../export/gate.js';
import type { CampaignStatus } from '../fuzz/campaign-types.js';

/**
 * The brief search of {@link gate} for a new slow path (the campaign `fuzz` runs, without a
 * corpus); a hang or an out-of-memory run in it fails the gate.
 */
export interface GateSearchOptions extends SearchLimits {
  /** Given a target id, a status callback for its search. Default: none. */
  onStatus?: (target: string) => (s: CampaignStatus) => void;
}

/** Options of {@link gate}. Every field is optional; each says its default. */
export interface GateOptions {
  /** Project root: targets, `reports/` and `corpora/` are found from it. Default: `process.cwd()`. */
  root?: string;
  /** The baseline file, absolute or relative to the root. Default: `reports/baseline.json`. */
  baselineFile?: string;
  /** A finding fails when its work grows by more than this percentage (a target's `thresholdPercent` in the baseline overrides it). Default: 10. */
  thresholdPercent?: number;
  /** Measure now and rewrite the baseline instead of comparing with it. Default: false. */
  update?: boolean;
  /** With `update`: findings kept per target, highest work first. Default: 10. */
  top?: number;
  /** Also search briefly, and fail when an input beats the baseline's worst by more than the threshold. Default: no search. */
  fuzz?: GateSearchOptions;
  /** Warnings (a finding left out). Default: none. */
  warn?: (message: string) => void;
  /** Progress lines, one per target and step. Default: none. */
  progress?: (message: string) => void;
}

export type { GateResult };

/**
 * The CI regression gate: replays every finding of the committed baseline for the targets
 * (default: every target in the baseline) and compares its work; `failed` says whether any
 * finding regressed. Throws `GateInputError` for an unknown target or a missing or corrupt baseline.
 */
export async function gate(targets: string[] = [], options: GateOptions = {}): Promise<GateResult> {
  const f = options.fuzz;
  return runGate(targets, {
    root: options.root ?? process.cwd(),
    baselineFile: options.baselineFile ?? DEFAULT_BASELINE,
    thresholdPercent: options.thresholdPercent ?? OPTIONS.threshold.default,
    update: options.update ?? false,
    top: Math.max(1, options.top ?? OPTIONS.gateTop.default),
    fuzz: f && {
      ...(f.timeMs !== undefined || f.execs === undefined ? { timeMs: f.timeMs ?? OPTIONS.time.default } : {}),
      ...(f.execs !== undefined ? { execs: f.execs } : {}),
      seed: f.seed ?? OPTIONS.seed.default,
      workers: Math.max(1, f.workers ?? defaultWorkers()),
      execTimeoutMs: checkExecTimeout(f.execTimeoutMs ?? OPTIONS.execTimeout.default),
      memoryMb: checkMemory(f.memoryMb ?? OPTIONS.memory.default),
      ...(f.onStatus ? { onStatus: f.onStatus } : {}),
    },
    ...(options.warn ? { warn: options.warn } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
}

