import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPTIONS } from '../core/options.js';
import type { Target } from '../target/load.js';
import { environment } from './environment.js';
import { probeWithin } from './hangs.js';
import { refineFindings } from './refine.js';
import { instructionsPerCall } from './perf-instructions.js';
import type { TimingOptions } from './protocol.js';
import { selectFindings, type Candidate } from './select.js';
import { MeasureSession } from './session.js';
import { median, ratioWithRange, spread } from '../core/stats.js';
import { DEFAULT_TIMING, REFINE_SHARE, fitTiming, scaledWarmup } from './timing.js';
import type { Baseline, Bound, VerifiedFinding, VerifiedHang, VerifiedSection, VerifyPhases } from './types.js';
import type { MeasureProgress } from './protocol.js';

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
  /**
   * When set, verification keeps to about this many ms: `timing` is fitted to it once the
   * findings and their baseline sizes are known (see fitTiming; `timing` is then the most an
   * input gets), and minimization and growth share what is left of it after the timing step
   * (see refineFindings).
   */
  timeBudgetMs?: number;
  progress?: (message: string) => void;
}

export const DEFAULT_VERIFY: VerifyOptions = {
  top: OPTIONS.verifyTop.default,
  timing: DEFAULT_TIMING,
  baselineInputs: OPTIONS.baselineInputs.default,
  maxSizeGroups: OPTIONS.sizeGroups.default,
  minimizeTop: OPTIONS.minimizeTop.default,
  growth: true,
  seed: OPTIONS.seed.default,
};

/** Work ratios below this count as "not above typical work". */
const WORK_ABOVE = 1.2;
const SOURCE_LIMIT = 256 * 1024;

/**
 * Re-measures the top findings in a fresh process against random inputs of the same size,
 * then minimizes the slowest ones and measures how the best one grows with size.
 */
export async function verifyFindings(target: Target, candidates: readonly Candidate[], options: VerifyOptions): Promise<VerifiedSection> {
  const started = Date.now();
  const log = options.progress ?? (() => {});
  const { picked, groupOf, anchors } = selectFindings(candidates, { n: options.top, size: target.size, maxGroups: options.maxSizeGroups });
  if (picked.length === 0) throw new Error(`${target.id}: no findings to verify (the campaign kept no inputs)`);
  const timed = picked.length + anchors.length * options.baselineInputs;
  const refines = options.growth || options.minimizeTop > 0;
  const o: VerifyOptions = {
    ...options,
    timing: options.timeBudgetMs === undefined ? scaledWarmup(options.timing) : fitTiming(options.timeBudgetMs, timed, options.timing, refines ? REFINE_SHARE : 0),
  };
  const env = await environment();
  const sizes = picked.map((c) => target.size(c.input));
  const timingSeconds = Math.ceil((timed * (o.timing.warmupMs + o.timing.minTotalMs)) / 1000);
  const fitted = o.timeBudgetMs === undefined ? '' : ` (${o.timing.minTotalMs} ms measured per input, to fit about ${Math.round(o.timeBudgetMs / 1000)} s of verification)`;
  log(
    `verify: ${picked.length} finding${picked.length === 1 ? '' : 's'} against ${o.baselineInputs} random inputs at ${anchors.length} size${anchors.length === 1 ? '' : 's'}: timing about ${timingSeconds} s${fitted}, then minimizing ${Math.min(o.minimizeTop, picked.length)}${o.growth ? ' and measuring growth' : ''}`,
  );
  let mark = Date.now();
  const lap = () => {
    const now = Date.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  const phases: Partial<VerifyPhases> = {};
  const replayChanged: NonNullable<VerifiedSection['replayChanged']> = [];

  // Hang findings run once first, each stopped at its limit (its search timeout, at least the
  // measuring time): one that finishes is timed like any finding, one that does not is not timed.
  const hangIdx = picked.flatMap((c, i) => (c.hangMs !== undefined ? [i] : []));
  const limits = hangIdx.map((i) => Math.max(picked[i]!.hangMs!, o.timing.minTotalMs));
  if (hangIdx.length > 0) log(`verify: running ${hangIdx.length} hang finding(s) once, stopped after ${limits.map((l) => `${l} ms`).join(', ')}`);
  const probed = await probeWithin(target, hangIdx.map((i, j) => ({ input: picked[i]!.input, limitMs: limits[j]! })));
  /** Picked index → the limit it ran past. */
  const stuck = new Map<number, number>();
  hangIdx.forEach((i, j) => probed[j] === undefined && stuck.set(i, limits[j]!));
  if (hangIdx.length > 0) phases.hangs = lap();

  // Step 1, in one fresh process: baselines and findings timed side by side, group by group.
  // Minimization and growth (step 2) follow in the same process: neither feeds step 1's figures,
  // which are all taken by then; an input they stop at its limit ends it and they go on in a new one.
  log('verify: loading the target in a fresh process');
  const session = await MeasureSession.start(target);
  const measured = await (async () => {
    log(`verify: drawing ${o.baselineInputs} random inputs at size ${anchors.join(', ')}`);
    const sets = await session.sample({ sizes: anchors, perSize: o.baselineInputs, maxDraws: 50_000, seed: o.seed });
    const baselines: Baseline[] = [];
    const findingTimes = new Map<number, { work: number; runsMs: number[]; callsPerRun: number; totalMs: number; error?: string }>();
    for (const [gi, anchor] of anchors.entries()) {
      const set = sets[gi]!;
      if (set.inputs.length === 0) throw new Error(`${target.file}: the arbitrary produced no valid input near size ${anchor}`);
      const members = picked.map((_, i) => i).filter((i) => groupOf[i] === gi && !stuck.has(i));
      const what = `${members.length} finding${members.length === 1 ? '' : 's'} and ${set.inputs.length} random inputs of size ~${anchor}`;
      const total = members.length + set.inputs.length;
      // Each input is warmed up, then all are timed round-robin to the same minimum.
      const expectMs = total * (o.timing.warmupMs + o.timing.minTotalMs);
      log(`verify: timing ${what} (≥${o.timing.minRuns} runs and ≥${o.timing.minTotalMs} ms each; about ${Math.ceil(expectMs / 1000)} s)`);
      const timed = await session.time([...members.map((i) => picked[i]!.input), ...set.inputs], o.timing, timingProgress(log, members.length, total));
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
    const findings: VerifiedFinding[] = picked.flatMap((c, i) => {
      if (stuck.has(i)) return [];
      const t = findingTimes.get(i)!;
      const gi = groupOf[i]!;
      const b = baselines[gi]!;
      const time = { ...spread(t.runsMs), callsPerRun: t.callsPerRun, totalMs: t.totalMs };
      const slowdown = ratioWithRange(time, b.timeMs);
      const workRatio = b.work.median > 0 ? t.work / b.work.median : Infinity;
      const bound: Bound = workRatio < WORK_ABOVE && slowdown.ratio >= WORK_ABOVE ? 'time' : 'work';
      return [{ rank: 0, hash: c.hash, input: c.input, size: sizes[i]!, work: t.work, timeMs: time, baseline: gi, slowdown, workRatio, bound, error: t.error }];
    });
    // The search and this process each ran the input after others: equal work says it does not depend on them.
    replayChanged.push(
      ...picked.flatMap((c, i) => {
        const t = findingTimes.get(i);
        return !stuck.has(i) && t && c.hangMs === undefined && c.work >= 0 && t.work !== c.work ? [{ hash: c.hash, searchWork: c.work, replayWork: t.work }] : [];
      }),
    );
    findings.sort((a, b) => b.slowdown.ratio - a.slowdown.ratio);
    findings.forEach((f, i) => (f.rank = i + 1));
    const hangs: VerifiedHang[] = [...stuck].map(([i, limitMs]) => {
      const b = baselines[groupOf[i]!]!;
      return { hash: picked[i]!.hash, input: picked[i]!.input, size: sizes[i]!, limitMs, baseline: groupOf[i]!, slowdownAtLeast: limitMs / b.timeMs.median };
    });
    // Hot lines of the slowest input that finishes (a hang's would never come back).
    const slowest = findings[0];
    const typicalInput = baselines[slowest?.baseline ?? 0]!.typicalInput;
    const [hot, typical] = slowest ? await session.work([slowest.input, typicalInput], true) : [undefined, ...(await session.work([typicalInput], true))];
    return { baselines, findings, hangs, hotLines: { slowest: hot?.lines ?? [], typical: typical!.lines ?? [] } };
  })().catch((e: unknown) => {
    session.close();
    throw e;
  });
  const { findings, hangs, baselines, hotLines } = measured;
  phases.timing = lap();

  if (env.instructions.available) {
    try {
      for (const [i, f] of findings.entries()) {
        log(`verify: counting instructions ${i + 1}/${findings.length}: finding #${f.rank}`);
        f.instructions = await instructionsPerCall(target, f.input);
      }
    } catch (e) {
      session.close();
      throw e;
    }
    phases.instructions = lap();
  }

  // Step 2: minimization and growth, in what is left of the time (when verification has a budget).
  const refineMs = o.timeBudgetMs === undefined ? {} : { timeMs: o.timeBudgetMs - (Date.now() - started) };
  const { growth, growthNote } = await refineFindings(target, findings, { ...o, ...refineMs, session }, log, () => (phases.minimizing = lap()));
  if (o.growth && findings.length > 0) phases.growth = lap();

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
      process: 'fresh Node process, target instrumented as in the search; minimization and growth follow the timing in it (in a new one once an input is stopped at its limit)',
      minRuns: o.timing.minRuns,
      minTotalMs: o.timing.minTotalMs,
      warmupMs: o.timing.warmupMs,
      baselineInputs: o.baselineInputs,
    },
    environment: env,
    findings,
    ...(hangs.length > 0 ? { hangs } : {}),
    baselines,
    growth,
    growthNote,
    hotLines,
    sources,
    phasesMs: { ...phases, timing: phases.timing ?? 0 },
    ...(replayChanged.length > 0 ? { replayChanged } : {}),
  };
}

/** Progress lines: "4/10 findings warmed up", then the share of the measuring done, at most every few seconds. */
const PROGRESS_LINE_EVERY_MS = 3000;
function timingProgress(log: (m: string) => void, findings: number, total: number): (p: MeasureProgress) => void {
  let last = Date.now();
  let warmedAll = false;
  return (p) => {
    const now = Date.now();
    const finished = p.done === p.total;
    if (p.warmed === total && !warmedAll) {
      warmedAll = true;
    } else if (now - last < PROGRESS_LINE_EVERY_MS && !finished) return;
    last = now;
    if (p.warmed < total) {
      const f = Math.min(p.warmed, findings);
      log(`verify: warming up ${p.warmed}/${total} (findings ${f}/${findings}, random inputs ${p.warmed - f}/${total - findings})`);
    } else if (p.fraction === 0) {
      log(`verify: all ${total} inputs warmed up; timing them round-robin`);
    } else {
      log(`verify: timing ${Math.round(100 * p.fraction)}% done, ${p.done}/${total} inputs have all their runs`);
    }
  };
}
