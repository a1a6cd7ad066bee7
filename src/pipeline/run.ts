import path from 'node:path';
import type { EnsureResult } from '../constraints/ensure.js';
import { preview } from '../report/format.js';
import { formatDuration } from '../report/status-line.js';
import { resolveTarget, type Target, type TargetRef } from '../target/load.js';
import { searchCandidates } from './candidates.js';
import { fuzz, searchSettings, type FuzzOptions, type FuzzResult } from './fuzz.js';
import { ensureConstraintsAnnounced } from './synthesize.js';
import { verify, type VerifyOptions, type VerifyResult } from './verify.js';

/** Options of {@link run}: the search's and verification's. Every field is optional; each says its default. */
export interface RunOptions extends Omit<FuzzOptions, 'constraints' | 'mode' | 'corpus' | 'log'>, Pick<VerifyOptions, 'top' | 'minTimeMs' | 'baselineInputs'> {
  /** Synthesize `constraints/<id>.json` first when it is missing or stale, and search with it; false searches without constraints. Default: true. */
  constraints?: boolean;
  /** Progress of every phase, one line each (synthesis, the search's end, verification). Default: none. */
  log?: (line: string) => void;
  /** Called as each phase starts and ends (e.g. to take Ctrl-C as "stop the search" only while it runs). Default: none. */
  onPhase?: (phase: Phase, state: 'start' | 'end') => void;
}

/** The phases of a run, in order. */
export type Phase = 'constraints' | 'search' | 'verification';

/** One phase of a run and how long it took, in ms (undefined: it did not run). */
export type PhaseTime = [phase: 'constraints' | 'search' | 'verification' | 'report', ms: number | undefined];

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
}

/**
 * The whole pipeline, in order: synthesize (when `constraints/<id>.json` is missing or stale),
 * fuzz, verify, report. The seed is the search's and the verification baseline's.
 */
export async function run(target: TargetRef, options: RunOptions = {}): Promise<RunResult> {
  const root = options.root ?? process.cwd();
  const t = await resolveTarget(target, root);
  const log = options.log ?? (() => {});
  // Options are checked before the long phases start.
  searchSettings(options);

  const t0 = Date.now();
  const phase = <T>(name: Phase, work: () => Promise<T>): Promise<T> => {
    options.onPhase?.(name, 'start');
    return work().finally(() => options.onPhase?.(name, 'end'));
  };
  const constraints = options.constraints === false ? undefined : await phase('constraints', () => ensureConstraintsAnnounced(t, { root, log }));
  const synthMs = constraints?.synthesized ? Date.now() - t0 : undefined;

  const t1 = Date.now();
  const { onPhase: _onPhase, ...searchOptions } = options;
  const search = await phase('search', () => fuzz(t, { ...searchOptions, root, mode: 'wedge', corpus: true, constraints: constraints?.file ?? false, log }));
  const searchMs = Date.now() - t1;
  const { result } = search;
  log(`search: ${result.execs} execs in ${formatDuration(searchMs)}, ${result.kept.length} inputs kept, best work ${result.bestWork}; best input ${preview(result.bestWorkInput, 100)}`);
  const phases: PhaseTime[] = [['constraints', synthMs], ['search', searchMs]];
  if (search.interrupted) return { target: t, ...(constraints ? { constraints } : {}), search, stopped: 'interrupted', phases };
  if (search.reportError !== undefined) return { target: t, ...(constraints ? { constraints } : {}), search, stopped: 'report-not-written', phases };

  log(`verify: re-measuring the best inputs in a fresh process (progress below; --top, --min-time and --baseline set how long this takes)`);
  const verification = await phase('verification', () => verify(t, {
    root,
    report: path.resolve(root, search.reportPath),
    candidates: searchCandidates(result),
    ...(options.top !== undefined ? { top: options.top } : {}),
    ...(options.minTimeMs !== undefined ? { minTimeMs: options.minTimeMs } : {}),
    ...(options.baselineInputs !== undefined ? { baselineInputs: options.baselineInputs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    progress: verifyProgress(log),
  }));
  phases.push(['verification', verification.verifyMs], ['report', verification.reportMs]);
  return { target: t, ...(constraints ? { constraints } : {}), search, verification, phases };
}

/** Verification's progress lines, each with the time since verification began. */
export function verifyProgress(log: (line: string) => void): (m: string) => void {
  const t0 = Date.now();
  return (m) => log(`[${formatDuration(Date.now() - t0)}] ${m}`);
}
