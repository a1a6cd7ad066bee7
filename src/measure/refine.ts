import type { Target } from '../target/load.js';
import { DEFAULT_GROWTH, growthWithin, measureGrowth } from './growth.js';
import { minimize } from './minimize.js';
import type { TimingOptions } from './protocol.js';
import { MeasureSession, RunTimeout } from './session.js';
import { median } from '../core/stats.js';
import type { VerifiedFinding, VerifiedSection } from './types.js';

/** Candidate executions allowed for minimizing a work-bound finding (cheap: one run each). */
const MINIMIZE_WORK_EXECS = 300;
/** And for a time-bound one, where each candidate is timed over several runs. */
const MINIMIZE_TIME_EXECS = 40;
const QUICK: TimingOptions = { minRuns: 5, minTotalMs: 50, warmupMs: 20, runMs: 1 };
/** Of the time left for minimization and growth, minimization's share (a deadline); growth is fitted to what minimization leaves. */
export const MINIMIZE_SHARE = 0.4;
/** Minimization's least time, however little is left: enough for a few candidates of a work-bound finding. */
export const MIN_MINIMIZE_MS = 300;

/**
 * When minimization must stop, given `leftMs` for minimization and growth from `now`:
 * MINIMIZE_SHARE of it, at least MIN_MINIMIZE_MS. Each finding minimized gets an equal part of
 * what is left of that when its turn comes; growth then gets what is left of `leftMs`.
 */
export function minimizeDeadline(now: number, leftMs: number): number {
  return now + Math.max(MIN_MINIMIZE_MS, MINIMIZE_SHARE * leftMs);
}

/**
 * A call on an input made from a finding may run past this: a changed character or a prefix can
 * turn a fast match into a backtracking one. Generous, as the finding itself is slow.
 */
export function derivedLimitMs(f: VerifiedFinding): number {
  return Math.max(1000, 20 * f.timeMs.median);
}

/**
 * Minimizes the slowest findings and measures how the best one grows, in `session` when given
 * (the timing step's process, taken over and closed here) or a process of its own, replaced when
 * an input had to be stopped at its limit. With `timeMs` (what is left of verification's time)
 * minimization stops at minimizeDeadline and growth is fitted to the rest (growthWithin).
 * Fills `minimized` on the findings; returns growth.
 */
export async function refineFindings(
  target: Target,
  findings: VerifiedFinding[],
  o: { minimizeTop: number; growth: boolean; seed: number; timeMs?: number; session?: MeasureSession },
  log: (m: string) => void,
  /** Hears how long minimization took, once it is over (growth follows). */
  minimized: (ms: number) => void = () => {},
): Promise<Pick<VerifiedSection, 'growth' | 'growthNote'>> {
  let session: MeasureSession | undefined = o.session;
  const open = async (limitMs: number) => {
    session ??= await MeasureSession.start(target);
    session.runLimitMs = limitMs;
    return session;
  };
  try {
    const t0 = Date.now();
    const end = o.timeMs === undefined ? undefined : t0 + o.timeMs;
    const stopMinimizing = o.timeMs === undefined ? undefined : minimizeDeadline(t0, o.timeMs);
    const toMinimize = findings.slice(0, o.minimizeTop);
    for (const [i, f] of toMinimize.entries()) {
      const now = Date.now();
      const deadline = stopMinimizing === undefined ? undefined : now + Math.max(0, stopMinimizing - now) / (toMinimize.length - i);
      const within = deadline === undefined ? '' : `, for at most ${Math.round(deadline - now)} ms`;
      log(`verify: minimizing ${i + 1}/${toMinimize.length}: finding #${f.rank} (${f.bound}-bound, at most ${f.bound === 'work' ? MINIMIZE_WORK_EXECS : MINIMIZE_TIME_EXECS} candidates${within})`);
      const limit = derivedLimitMs(f);
      // One candidate at a time: a candidate stopped at the limit keeps no cost (never adopted).
      const cost = async (x: unknown): Promise<number> => {
        try {
          const s = await open(limit);
          return f.bound === 'work' ? (await s.work([x]))[0]!.work : median((await s.time([x], QUICK))[0]!.runsMs);
        } catch (e) {
          if (!(e instanceof RunTimeout)) throw e;
          session = undefined;
          return -Infinity;
        }
      };
      const costs = async (xs: unknown[]) => {
        const out: number[] = [];
        for (const x of xs) out.push(await cost(x));
        return out;
      };
      const result = await minimize(f.input, costs, {
        keep: 0.95,
        maxExecutions: f.bound === 'work' ? MINIMIZE_WORK_EXECS : MINIMIZE_TIME_EXECS,
        ...(deadline !== undefined ? { deadline } : {}),
        accept: (x) => {
          try {
            return target.size(x) <= f.size && (target.validate?.(x) ?? true);
          } catch {
            return false;
          }
        },
      });
      const [w] = await (await open(limit)).work([result.input]);
      f.minimized = { input: result.input, kept: result.kept, executions: result.executions, steps: result.steps, work: w!.work };
    }
    minimized(Date.now() - t0);
    if (!o.growth) return { growthNote: 'growth was not measured (turned off)' };
    const best = findings[0];
    if (!best) return { growthNote: 'growth was not measured: no finding finished within its limit' };
    const fitted = end === undefined ? DEFAULT_GROWTH : { ...DEFAULT_GROWTH, ...growthWithin(end - Date.now(), DEFAULT_GROWTH) };
    if (fitted !== DEFAULT_GROWTH) log(`growth: ${fitted.steps} sizes, ${fitted.typicalPerSize} random inputs at each, to fit about ${(Math.max(0, end! - Date.now()) / 1000).toFixed(1)} s left of verification`);
    try {
      const g = await measureGrowth(await open(derivedLimitMs(best)), target, best, { ...fitted, seed: o.seed, progress: log });
      return typeof g === 'string' ? { growthNote: g } : { growth: g };
    } catch (e) {
      if (!(e instanceof RunTimeout)) throw e;
      session = undefined;
      return { growthNote: `growth was not measured: a shorter copy of the finding or a random input ran past ${derivedLimitMs(best)} ms per call` };
    }
  } finally {
    session?.close();
  }
}
