import path from 'node:path';
import type { EnsureResult } from '../constraints/ensure.js';
import { staleness } from '../constraints/ensure.js';
import { readConstraintsFile } from '../constraints/format.js';
import { targetSources } from '../constraints/sources.js';
import { OPTIONS } from '../core/options.js';
import { describePlan, planRun, searchPhase, type RunPlan } from '../core/time-plan.js';
import { preview } from '../report/format.js';
import { formatDuration } from '../report/status-line.js';
import { resolveTarget, type Target, type TargetRef } from '../target/load.js';
import { searchCandidates } from './candidates.js';
import { fuzz, searchSettings, type FuzzOptions, type FuzzResult } from './fuzz.js';
import { ensureConstraintsAnnounced } from './synthesize.js';
import { verify, type VerifyOptions, type VerifyResult } from './verify.js';

/** Options of {@link run}: the search's and verification's. Every field is optional; each says its default. */
export interface RunOptions extends Omit<FuzzOptions, 'timeMs' | 'stopAfterMs' | 'constraints' | 'mode' | 'corpus' | 'log'>, Pick<VerifyOptions, 'top' | 'minTimeMs' | 'baselineInputs'> {
  /**
   * The whole run in ms, what the caller waits for, shared by the time plan (core/time-plan.ts):
   * synthesis first (its profiling capped), verification 40% (unless `verifyTimeMs`), the search
   * what is left, stopped at its deadline. Default: 30 000 ms, unless only `execs` is given: then
   * there is no plan, the search is bounded by executions and verification takes its own default time.
   */
  timeMs?: number;
  /** Time of its own for verification, in ms, on top of `timeMs`. Default: 40% of `timeMs`, within it. */
  verifyTimeMs?: number;
  /** Synthesize `constraints/<id>.json` first when it is missing or stale, and search with it; false searches without constraints. Default: true. */
  constraints?: boolean;
  /** Progress of every phase, one line each (the plan, synthesis, the search's end, verification). Default: none. */
  log?: (line: string) => void;
  /** Called as each phase starts and ends (e.g. to take Ctrl-C as "stop the search" only while it runs). Default: none. */
  onPhase?: (phase: Phase, state: 'start' | 'end') => void;
}

/** The phases of a run, in order. */
export type Phase = 'constraints' | 'search' | 'verification';

/** One phase of a run and how long it took, in ms (undefined: it did not run). */
export type PhaseTime = [phase: 'constraints' | 'search' | 'verification' | 'report', ms: number | undefined];

/** The time plan a run followed. */
export interface PlannedRun extends RunPlan {
  /**
   * Each phase's planned time in ms: what went before the search (synthesis, checking the
   * constraints file), the search phase (worker loading and the report included) and
   * verification. They add up to `totalMs` (plus `verifyMs` when verification has its own time)
   * unless the search's least share (a quarter of `totalMs`) made the run longer.
   */
  phases: [phase: Phase, ms: number][];
}

/** What {@link run} returns. */
export interface RunResult {
  target: Target;
  /** The constraints the search used, and whether this run synthesized them. */
  constraints?: EnsureResult;
  search: FuzzResult;
  /** Absent when the run stopped before verification (see `stopped`). */
  verification?: VerifyResult;
  /** Why verification did not run: the search was interrupted, or its report could not be written (verification writes into it). */
  stopped?: 'interrupted' | 'report-not-written';
  phases: PhaseTime[];
  /** The time plan, absent when only `execs` bounded the run. */
  plan?: PlannedRun;
}

/**
 * The whole pipeline, in order: synthesize (when `constraints/<id>.json` is missing or stale),
 * fuzz, verify, report, within the time plan of `timeMs`. The seed is the search's and the
 * verification baseline's.
 */
export async function run(target: TargetRef, options: RunOptions = {}): Promise<RunResult> {
  const t0 = Date.now();
  const root = options.root ?? process.cwd();
  const t = await resolveTarget(target, root);
  const log = options.log ?? (() => {});
  // Options are checked before the long phases start.
  searchSettings(options);
  const plan = timePlan(options);

  const phase = <T>(name: Phase, work: () => Promise<T>): Promise<T> => {
    options.onPhase?.(name, 'start');
    return work().finally(() => options.onPhase?.(name, 'end'));
  };
  const synthesizes = options.constraints !== false;
  if (plan) log(describePlan(plan, synthesizes && needsSynthesis(t, root), formatDuration));
  const constraints = !synthesizes
    ? undefined
    : await phase('constraints', () => ensureConstraintsAnnounced(t, { root, log, ...(plan ? { searchTimeMs: plan.synthSearchMs } : {}) }));
  const synthMs = constraints?.synthesized ? Date.now() - t0 : undefined;

  const t1 = Date.now();
  const searchPlan = plan ? searchPhase(plan, t1 - t0) : undefined;
  if (plan && searchPlan) {
    const verifying = options.minTimeMs !== undefined ? `measures each input for at least ${options.minTimeMs} ms` : `gets about ${formatDuration(plan.verifyMs)}`;
    log(`search: ${formatDuration(searchPlan.searchMs)} once the workers have loaded the target (it stops ${formatDuration(searchPlan.stopAfterMs)} from now, loading included); verification then ${verifying}`);
  }
  const { onPhase: _onPhase, verifyTimeMs: _verifyTimeMs, timeMs: _timeMs, ...searchOptions } = options;
  const search = await phase('search', () =>
    fuzz(t, {
      ...searchOptions,
      // The plan's deadline counts from now, worker loading included; timeMs (counted from loading) is only its upper bound.
      ...(searchPlan ? { timeMs: searchPlan.stopAfterMs, stopAfterMs: searchPlan.stopAfterMs } : {}),
      root,
      mode: 'wedge',
      corpus: true,
      constraints: constraints?.file ?? false,
      log,
    }),
  );
  const searchMs = Date.now() - t1;
  const { result } = search;
  log(`search: ${result.execs} execs in ${formatDuration(searchMs)}, ${result.kept.length} inputs kept, best work ${result.bestWork}; best input ${preview(result.bestWorkInput, 100)}`);
  const phases: PhaseTime[] = [['constraints', synthMs], ['search', searchMs]];
  const planned = plan && searchPlan ? { plan: { ...plan, phases: [['constraints', t1 - t0], ['search', searchPlan.phaseMs], ['verification', plan.verifyMs]] as PlannedRun['phases'] } } : {};
  const common = { target: t, ...(constraints ? { constraints } : {}), search, ...planned };
  if (search.interrupted) return { ...common, stopped: 'interrupted', phases };
  if (search.reportError !== undefined) return { ...common, stopped: 'report-not-written', phases };

  log(`verify: re-measuring the best inputs in a fresh process (progress below; --top, --min-time and --baseline set how long this takes)`);
  const verification = await phase('verification', () =>
    verify(t, {
      root,
      report: path.resolve(root, search.reportPath),
      candidates: searchCandidates(result),
      ...(options.top !== undefined ? { top: options.top } : {}),
      // An explicit minTimeMs is the time per input outright; otherwise it is fitted to the plan's share (or verify's own default time).
      ...(options.minTimeMs !== undefined ? { minTimeMs: options.minTimeMs } : plan ? { timeMs: plan.verifyMs } : {}),
      ...(options.baselineInputs !== undefined ? { baselineInputs: options.baselineInputs } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      progress: verifyProgress(log),
    }),
  );
  phases.push(['verification', verification.verifyMs], ['report', verification.reportMs]);
  return { ...common, verification, phases };
}

/** The run's time plan; none when only `execs` bounds the search. */
function timePlan(o: RunOptions): RunPlan | undefined {
  if (o.execs !== undefined && o.timeMs === undefined) return undefined;
  return planRun({ totalMs: o.timeMs ?? OPTIONS.time.default, ...(o.verifyTimeMs !== undefined ? { verifyMs: o.verifyTimeMs } : {}) });
}

/** Whether the run will synthesize constraints first: constraints/<id>.json is missing or stale. */
function needsSynthesis(target: Target, root: string): boolean {
  try {
    const file = readConstraintsFile(root, target.id);
    return !file || staleness(file, targetSources(target)) !== undefined;
  } catch {
    return false; // an invalid file: synthesis reports it
  }
}

/** Verification's progress lines, each with the time since verification began. */
export function verifyProgress(log: (line: string) => void): (m: string) => void {
  const t0 = Date.now();
  return (m) => log(`[${formatDuration(Date.now() - t0)}] ${m}`);
}
