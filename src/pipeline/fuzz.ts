import path from 'node:path';
import { activeConstraints, constraintSetInfo } from '../constraints/ensure.js';
import { readConstraintsFile, type ConstraintsFile } from '../constraints/format.js';
import { OPTIONS, checkExecTimeout, checkMemory, defaultWorkers } from '../core/options.js';
import type { SearchLimits, SettledSearchLimits } from '../core/search-limits.js';
import { runCampaign } from '../fuzz/campaign.js';
import type { CampaignResult, CampaignStatus } from '../fuzz/campaign-types.js';
import type { ConstraintStat } from '../fuzz/constraint-stats.js';
import type { SearchMode } from '../fuzz/engine-types.js';
import type { ExtraProbes } from '../instrument/install.js';
import { buildFuzzReport, runId, writeFuzzReport, type ConstraintSetInfo, type FuzzReport } from '../report/fuzz-report.js';
import { resolveTarget, type Target, type TargetRef } from '../target/load.js';
import { addGuardErrors } from './guard-errors.js';

/** Options of {@link fuzz}. Every field is optional; each says its default. */
export interface FuzzOptions extends SearchLimits {
  /** Project root: ids resolve to `targets/<id>.target.*` under it; `corpora/`, `reports/` and `constraints/` live under it. Default: `process.cwd()`. */
  root?: string;
  /** Save the first input of each distinct error the target throws as an `error` finding. Default: false. */
  keepErrors?: boolean;
  /** Feedback: `wedge` (cost), `coverage` (new probes only) or `random` (sampling only). Default: `wedge`. */
  mode?: SearchMode;
  /** Read and write `corpora/<id>/` (resume from it, keep inputs in it). Default: true. */
  corpus?: boolean;
  /**
   * Constraint probes: true instruments `constraints/<id>.json` when present, false none, a
   * constraints file (as `synthesize` returns) that file. Default: true.
   */
  constraints?: boolean | ConstraintsFile;
  /** Called about every 100 ms with the campaign's status (workers, corpus, best work and time). Default: none. */
  onStatus?: (status: CampaignStatus) => void;
  /** Aborting stops the search early; what it found is still reported. Default: none. */
  signal?: AbortSignal;
  /**
   * Stop the search this many ms after `fuzz` is called, worker loading included: a planned end
   * (`run`'s time plan), not an interruption, so the search's report is complete. Default: none.
   */
  stopAfterMs?: number;
  /** Progress lines (e.g. the replay that counts constraint errors). Default: none. */
  log?: (line: string) => void;
  /** Warnings (a constraint left out, a corpus that cannot be written). Default: printed to stderr. */
  warn?: (message: string) => void;
}

/** What {@link fuzz} returns. */
export interface FuzzResult {
  /** The campaign's result in full (kept inputs, findings, status totals). */
  result: CampaignResult;
  /** report.json's content. */
  report: FuzzReport & { constraints?: ConstraintStat[] };
  /** report.json, relative to the root. */
  reportPath: string;
  /** Why report.json could not be written (read-only folder, full disk); the result stands. */
  reportError?: string;
  /** The search was stopped by `signal`. */
  interrupted: boolean;
  /** The loaded target. */
  target: Target;
}

/** Options after defaults: what the search runs with. */
export interface SearchSettings extends SettledSearchLimits {
  root: string;
  keepErrors: boolean;
  mode: SearchMode;
  corpus: boolean;
}

/** Fills in defaults and checks ranges: the one place a search's options are normalized. */
export function searchSettings(o: FuzzOptions): SearchSettings {
  const timeMs = o.timeMs ?? (o.execs === undefined ? OPTIONS.time.default : undefined);
  return {
    root: o.root ?? process.cwd(),
    ...(timeMs !== undefined ? { timeMs } : {}),
    ...(o.execs !== undefined ? { execs: o.execs } : {}),
    seed: o.seed ?? OPTIONS.seed.default,
    workers: Math.max(1, o.workers ?? defaultWorkers()),
    execTimeoutMs: checkExecTimeout(o.execTimeoutMs ?? OPTIONS.execTimeout.default),
    memoryMb: checkMemory(o.memoryMb ?? OPTIONS.memory.default),
    keepErrors: o.keepErrors ?? false,
    mode: o.mode ?? 'wedge',
    corpus: o.corpus ?? true,
  };
}

/**
 * Searches a target for inputs that maximize work: keeps them in `corpora/<id>/` (resuming from
 * it), keeps hangs, OOMs and (with `keepErrors`) errors as findings, and writes
 * `reports/<id>/<run>/report.json`.
 */
export async function fuzz(target: TargetRef, options: FuzzOptions = {}): Promise<FuzzResult> {
  const s = searchSettings(options);
  const t = await resolveTarget(target, s.root);
  const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const file = options.constraints === false ? undefined : options.constraints === true || options.constraints === undefined ? readConstraintsFile(s.root, t.id) : options.constraints;
  const probes = file ? activeConstraints(t, file, warn) : undefined;
  const constraintSet = file && probes ? constraintSetInfo(s.root, file, probes) : undefined;
  const signal = options.signal;
  const interrupt = signal ? new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }))) : undefined;
  const planned = options.stopAfterMs !== undefined ? plannedStop(options.stopAfterMs) : undefined;
  const stop = interrupt && planned ? Promise.race([interrupt, planned.stop]) : (interrupt ?? planned?.stop);
  const onStatus = planned ? (st: CampaignStatus) => (planned.status(st), options.onStatus?.(st)) : options.onStatus;
  const startedAt = new Date();
  const result = await runCampaign({
    target: t,
    mode: s.mode,
    seed: s.seed,
    timeMs: s.timeMs,
    execs: s.execs,
    workers: s.workers,
    execTimeoutMs: s.execTimeoutMs,
    memoryMb: s.memoryMb,
    keepErrors: s.keepErrors,
    root: s.root,
    useCorpus: s.corpus,
    // Wall-time feedback depends on the machine; an execution-bounded run stays exact.
    timeFeedback: s.execs === undefined,
    onStatus,
    warn,
    stop,
    constraints: probes,
  }).finally(() => planned?.clear());
  const interrupted = signal?.aborted ?? false;
  const report = await buildReport(t, s, result, startedAt, probes, constraintSet, interrupted, options.log);
  let reportPath = path.join('reports', report.target, report.run, 'report.json');
  let reportError: string | undefined;
  try {
    reportPath = writeFuzzReport(s.root, report);
  } catch (e) {
    // The search's result is in memory: the caller still has it, and learns where writing failed.
    reportError = (e as Error).message;
  }
  return { result, report, reportPath, ...(reportError !== undefined ? { reportError } : {}), interrupted, target: t };
}

/**
 * The planned end of a search, `ms` from now: before the workers load the target (a search's
 * `timeMs` counts from after). A deadline that comes before the search has run and kept an input
 * waits for that: on a loaded machine loading can take the whole share, and a search that ran
 * nothing leaves verification nothing to do.
 */
function plannedStop(ms: number): { stop: Promise<void>; status: (s: CampaignStatus) => void; clear: () => void } {
  let due = false;
  let ran = false;
  let resolve!: () => void;
  const stop = new Promise<void>((r) => (resolve = r));
  const timer = setTimeout(() => {
    due = true;
    if (ran) resolve();
  }, ms);
  return {
    stop,
    status: (s) => {
      ran ||= s.execs > 0 && s.corpus > 0;
      if (due && ran) resolve();
    },
    clear: () => clearTimeout(timer),
  };
}

async function buildReport(
  t: Target,
  s: SearchSettings,
  result: CampaignResult,
  startedAt: Date,
  probes: ExtraProbes | undefined,
  constraintSet: ConstraintSetInfo | undefined,
  interrupted: boolean,
  log: ((line: string) => void) | undefined,
): Promise<FuzzReport & { constraints?: ConstraintStat[] }> {
  const built: FuzzReport = {
    ...buildFuzzReport(result, { target: t.id, run: runId(startedAt), startedAt: startedAt.toISOString(), mode: s.mode, seed: s.seed, maxSize: t.maxSize }),
    budget: { ...(s.timeMs !== undefined ? { timeMs: s.timeMs } : {}), ...(s.execs !== undefined ? { execs: s.execs } : {}) },
    ...(constraintSet ? { constraintSet } : {}),
  };
  if (!result.constraints) return built;
  // Per constraint: on how many kept inputs its guard refused or caught an error.
  if (probes && !interrupted) await addGuardErrors(t, probes, result.kept.map((k) => k.input), result.constraints, log);
  return { ...built, constraints: result.constraints };
}
