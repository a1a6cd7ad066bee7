import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Target } from '../target/load.js';
import { environment } from './environment.js';
import { DEFAULT_GROWTH, measureGrowth } from './growth.js';
import { minimize } from './minimize.js';
import { instructionsPerCall } from './perf-instructions.js';
import type { TimingOptions } from './protocol.js';
import { selectFindings, type Candidate } from './select.js';
import { withSession } from './session.js';
import { median, ratioWithRange, spread } from './stats.js';
import { DEFAULT_TIMING } from './timing.js';
import type { Baseline, Bound, VerifiedFinding, VerifiedSection } from './types.js';

export interface VerifyOptions {
  top: number;
  timing: TimingOptions;
  /** Random inputs of the finding's size behind each baseline. */
  baselineInputs: number;
  /** Size groups at most, each with its own baseline (see selectFindings). */
  maxSizeGroups: number;
  /** How many of the slowest findings to minimize. */
  minimizeTop: number;
  growth: boolean;
  seed: number;
  progress?: (message: string) => void;
}

export const DEFAULT_VERIFY: VerifyOptions = { top: 10, timing: DEFAULT_TIMING, baselineInputs: 20, maxSizeGroups: 2, minimizeTop: 3, growth: true, seed: 1 };

/** Work ratios below this count as "not above typical work". */
const WORK_ABOVE = 1.2;
/** Candidate executions allowed for minimizing a work-bound finding (cheap: one run each). */
const MINIMIZE_WORK_EXECS = 300;
/** And for a time-bound one, where each candidate is timed over several runs. */
const MINIMIZE_TIME_EXECS = 40;
const SOURCE_LIMIT = 256 * 1024;

/**
 * Re-measures the top findings in a fresh process against random inputs of the same size,
 * then minimizes the slowest ones and measures how the best one grows with size.
 */
export async function verifyFindings(target: Target, candidates: readonly Candidate[], o: VerifyOptions): Promise<VerifiedSection> {
  const log = o.progress ?? (() => {});
  const { picked, groupOf, anchors } = selectFindings(candidates, { n: o.top, size: target.size, maxGroups: o.maxSizeGroups });
  if (picked.length === 0) throw new Error(`${target.id}: no findings to verify (the campaign kept no inputs)`);
  const env = await environment();
  const sizes = picked.map((c) => target.size(c.input));

  // Step 1, in one fresh process: baselines and findings timed side by side, group by group.
  const measured = await withSession(target, async (session) => {
    log(`verify: drawing ${o.baselineInputs} random inputs at size ${anchors.join(', ')}`);
    const sets = await session.sample({ sizes: anchors, perSize: o.baselineInputs, maxDraws: 50_000, seed: o.seed });
    const baselines: Baseline[] = [];
    const findingTimes = new Map<number, { work: number; runsMs: number[]; callsPerRun: number; totalMs: number; error?: string }>();
    for (const [gi, anchor] of anchors.entries()) {
      const set = sets[gi]!;
      if (set.inputs.length === 0) throw new Error(`${target.file}: the arbitrary produced no valid input near size ${anchor}`);
      const members = picked.map((_, i) => i).filter((i) => groupOf[i] === gi);
      log(`verify: timing ${members.length} finding(s) and ${set.inputs.length} random inputs of size ~${anchor} (≥${o.timing.minRuns} runs and ≥${o.timing.minTotalMs} ms each)`);
      const timed = await session.time([...members.map((i) => picked[i]!.input), ...set.inputs], o.timing);
      members.forEach((i, j) => findingTimes.set(i, timed[j]!));
      const base = timed.slice(members.length);
      const works = base.map((b) => b.work);
      const medWork = median(works);
      const typicalIdx = works.reduce((best, w, i) => (Math.abs(w - medWork) < Math.abs(works[best]! - medWork) ? i : best), 0);
      baselines.push({
        requestedSize: anchor,
        sizes: { min: Math.min(...set.sizes), max: Math.max(...set.sizes) },
        exact: set.sizes.every((s) => s === anchor),
        count: set.inputs.length,
        timeMs: spread(base.map((b) => median(b.runsMs))),
        work: spread(works),
        typicalInput: set.inputs[typicalIdx],
      });
    }
    const findings: VerifiedFinding[] = picked.map((c, i) => {
      const t = findingTimes.get(i)!;
      const gi = groupOf[i]!;
      const b = baselines[gi]!;
      const time = { ...spread(t.runsMs), callsPerRun: t.callsPerRun, totalMs: t.totalMs };
      const slowdown = ratioWithRange(time, b.timeMs);
      const workRatio = b.work.median > 0 ? t.work / b.work.median : Infinity;
      const bound: Bound = workRatio < WORK_ABOVE && slowdown.ratio >= WORK_ABOVE ? 'time' : 'work';
      return { rank: 0, hash: c.hash, input: c.input, size: sizes[i]!, work: t.work, timeMs: time, baseline: gi, slowdown, workRatio, bound, error: t.error };
    });
    findings.sort((a, b) => b.slowdown.ratio - a.slowdown.ratio);
    findings.forEach((f, i) => (f.rank = i + 1));
    const slowest = findings[0]!;
    const [hot, typical] = await session.work([slowest.input, baselines[slowest.baseline]!.typicalInput], true);
    return { baselines, findings, hotLines: { slowest: hot!.lines ?? [], typical: typical!.lines ?? [] } };
  });
  const { findings, baselines, hotLines } = measured;

  if (env.instructions.available) {
    for (const f of findings) {
      log(`verify: counting instructions of finding #${f.rank}`);
      f.instructions = await instructionsPerCall(target, f.input);
    }
  }

  // Step 2, in a second fresh process: minimization and growth (neither feeds the figures above).
  let growth: VerifiedSection['growth'];
  let growthNote: string | undefined;
  await withSession(target, async (session) => {
    const quick: TimingOptions = { minRuns: 5, minTotalMs: 50, warmupMs: 20, runMs: 1 };
    for (const f of findings.slice(0, o.minimizeTop)) {
      log(`verify: minimizing finding #${f.rank} (${f.bound}-bound)`);
      const original = f.input;
      const result = await minimize(
        original,
        f.bound === 'work'
          ? async (xs) => (await session.work(xs)).map((r) => r.work)
          : async (xs) => (await session.time(xs, quick)).map((r) => median(r.runsMs)),
        {
          keep: 0.95,
          maxExecutions: f.bound === 'work' ? MINIMIZE_WORK_EXECS : MINIMIZE_TIME_EXECS,
          accept: (x) => {
            try {
              return target.size(x) <= f.size && (target.validate?.(x) ?? true);
            } catch {
              return false;
            }
          },
        },
      );
      const [w] = await session.work([result.input]);
      f.minimized = { input: result.input, kept: result.kept, executions: result.executions, steps: result.steps, work: w!.work };
    }
    if (o.growth) {
      const best = findings[0]!;
      const g = await measureGrowth(session, target, best, { ...DEFAULT_GROWTH, seed: o.seed, progress: log });
      if (typeof g === 'string') growthNote = g;
      else growth = g;
    } else {
      growthNote = 'growth was not measured (turned off)';
    }
  });

  const sources: Record<string, string> = {};
  for (const h of [...hotLines.slowest, ...hotLines.typical]) {
    if (h.file in sources) continue;
    try {
      sources[h.file] = readFileSync(path.resolve(h.file), 'utf8').slice(0, SOURCE_LIMIT);
    } catch {
      // A file that cannot be read is shown as hit counts without text.
    }
  }

  return {
    verifiedAt: new Date().toISOString(),
    method: {
      process: 'fresh Node process per step, target instrumented as in the search',
      minRuns: o.timing.minRuns,
      minTotalMs: o.timing.minTotalMs,
      warmupMs: o.timing.warmupMs,
      baselineInputs: o.baselineInputs,
    },
    environment: env,
    findings,
    baselines,
    growth,
    growthNote,
    hotLines,
    sources,
  };
}
