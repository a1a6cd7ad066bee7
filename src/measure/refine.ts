import type { Target } from '../target/load.js';
import { DEFAULT_GROWTH, measureGrowth } from './growth.js';
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

/**
 * A call on an input made from a finding may run past this: a changed character or a prefix can
 * turn a fast match into a backtracking one. Generous, as the finding itself is slow.
 */
export function derivedLimitMs(f: VerifiedFinding): number {
  return Math.max(1000, 20 * f.timeMs.median);
}

/**
 * Minimizes the slowest findings and measures how the best one grows, in a process of its own
 * (replaced when an input had to be stopped). Fills `minimized` on the findings; returns growth.
 */
export async function refineFindings(
  target: Target,
  findings: VerifiedFinding[],
  o: { minimizeTop: number; growth: boolean; seed: number },
  log: (m: string) => void,
  /** Hears how long minimization took, once it is over (growth follows). */
  minimized: (ms: number) => void = () => {},
): Promise<Pick<VerifiedSection, 'growth' | 'growthNote'>> {
  let session: MeasureSession | undefined;
  const open = async (limitMs: number) => {
    session ??= await MeasureSession.start(target);
    session.runLimitMs = limitMs;
    return session;
  };
  try {
    const t0 = Date.now();
    const toMinimize = findings.slice(0, o.minimizeTop);
    for (const [i, f] of toMinimize.entries()) {
      log(`verify: minimizing ${i + 1}/${toMinimize.length}: finding #${f.rank} (${f.bound}-bound, at most ${f.bound === 'work' ? MINIMIZE_WORK_EXECS : MINIMIZE_TIME_EXECS} candidates)`);
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
    try {
      const g = await measureGrowth(await open(derivedLimitMs(best)), target, best, { ...DEFAULT_GROWTH, seed: o.seed, progress: log });
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
