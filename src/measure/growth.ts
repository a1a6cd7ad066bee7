import { OPTIONS } from '../core/options.js';
import type { Target } from '../target/load.js';
import type { MeasureSession } from './session.js';
import { SCALE_CUTS, hasSequence, scaleInput } from './scale-input.js';
import { fitGrowth, median } from '../core/stats.js';
import type { Bound, Growth, GrowthPoint } from './types.js';

export interface GrowthOptions {
  /** How many sizes from small up to the finding's size. */
  steps: number;
  typicalPerSize: number;
  /** Light timing: growth wants a curve, not the verified figures. */
  minRuns: number;
  minTotalMs: number;
  seed: number;
  progress?: (message: string) => void;
}

// Light timing: each call gets a fresh copy of its input, which for the tiniest inputs costs more
// than the call itself: a long total here would be spent mostly copying.
export const DEFAULT_GROWTH: Omit<GrowthOptions, 'seed'> = {
  steps: OPTIONS.growthSteps.default,
  typicalPerSize: OPTIONS.growthTypical.default,
  minRuns: OPTIONS.growthMinRuns.default,
  minTotalMs: OPTIONS.growthMinTime.default,
};

/**
 * What growth costs besides its random inputs, in ms: scaling the finding, running and timing its
 * shorter copies, drawing the random inputs (about a second on a loaded machine of two cores).
 */
export const GROWTH_FIXED_MS = 1000;
/** What one random input (or one size's shorter copy) costs growth, in ms: a run for its work, warm-up, light timing, a fresh copy per call. */
export const GROWTH_INPUT_MS = 30;
/** The least curve growth measures however short its time: this many sizes... */
export const MIN_GROWTH_STEPS = 5;
/** ...with this many random inputs at each. */
export const MIN_GROWTH_TYPICAL = 5;

/**
 * Sizes and random inputs per size that fit a growth measurement into about `budgetMs` (by
 * GROWTH_FIXED_MS and GROWTH_INPUT_MS an input, one shorter copy per size counted with the
 * random ones): the random inputs per size come down first, to MIN_GROWTH_TYPICAL, then the
 * sizes, to MIN_GROWTH_STEPS. Never more than `base`; never under the floor, however short the
 * time: below it a curve means little, and the run takes a second or two longer instead.
 */
export function growthWithin(budgetMs: number, base: Pick<GrowthOptions, 'steps' | 'typicalPerSize'>): Pick<GrowthOptions, 'steps' | 'typicalPerSize'> {
  const minTypical = Math.min(MIN_GROWTH_TYPICAL, base.typicalPerSize);
  const minSteps = Math.min(MIN_GROWTH_STEPS, base.steps);
  const inputs = Math.max(0, budgetMs - GROWTH_FIXED_MS) / GROWTH_INPUT_MS;
  const typicalPerSize = Math.min(base.typicalPerSize, Math.floor(inputs / base.steps) - 1);
  if (typicalPerSize >= minTypical) return { steps: base.steps, typicalPerSize };
  return { steps: Math.max(minSteps, Math.min(base.steps, Math.floor(inputs / (minTypical + 1)))), typicalPerSize: minTypical };
}

/** Sizes from about a sixteenth of `max` up to `max`, spaced evenly on a log scale. */
export function growthSizes(max: number, steps: number): number[] {
  const lo = Math.max(2, Math.ceil(max / 16));
  if (max <= lo) return [max];
  const out = new Set<number>();
  for (let i = 0; i < steps; i++) out.add(Math.round(lo * (max / lo) ** (i / (steps - 1))));
  return [...out].sort((a, b) => a - b);
}

/**
 * Work and time of the finding scaled down to smaller sizes (the costliest of a prefix, a suffix
 * or the ends at each size), against random inputs of the same sizes, fitted as n^k.
 * Returns a reason instead when the finding has no sequence to scale.
 */
export async function measureGrowth(
  session: MeasureSession,
  target: Target,
  finding: { rank: number; input: unknown; bound: Bound },
  o: GrowthOptions,
): Promise<Growth | string> {
  const full = target.size(finding.input);
  if (!hasSequence(finding.input)) return 'the finding holds no array or string to scale';
  if (full < 4) return `the finding's size (${full}) is too small to scale`;
  const timing = { minRuns: o.minRuns, minTotalMs: o.minTotalMs, warmupMs: 10, runMs: 0.5 };
  const ok = (x: unknown) => {
    try {
      return target.validate?.(x) ?? true;
    } catch {
      return false;
    }
  };

  // Candidates at each size: every cut, kept when valid; identical ones run once.
  const bySize = new Map<number, unknown[]>();
  for (const s of growthSizes(full, o.steps)) {
    for (const cut of SCALE_CUTS) {
      const x = s === full ? finding.input : scaleInput(finding.input, s / full, cut);
      if (!ok(x)) continue;
      const actual = target.size(x);
      const list = bySize.get(actual) ?? [];
      if (!list.some((y) => JSON.stringify(y) === JSON.stringify(x))) list.push(x);
      bySize.set(actual, list);
    }
  }
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  if (sizes.length < 3) return `scaling the finding gave only ${sizes.length} valid size(s)`;
  o.progress?.(`growth: scaling the finding to ${sizes.length} sizes (${sizes.join(', ')})`);
  const candidates = sizes.flatMap((s) => bySize.get(s)!.map((input) => ({ size: s, input })));
  const works = await session.work(candidates.map((c) => c.input));
  const times = finding.bound === 'time' ? await session.time(candidates.map((c) => c.input), timing) : undefined;
  const worst: GrowthPoint[] = [];
  let chosen: unknown[] = [];
  for (const s of sizes) {
    const idx = candidates.map((c, i) => (c.size === s ? i : -1)).filter((i) => i >= 0);
    const cost = (i: number) => (times ? median(times[i]!.runsMs) : works[i]!.work);
    const best = idx.reduce((a, b) => (cost(b) > cost(a) ? b : a));
    worst.push({ size: s, work: works[best]!.work, timeMs: times ? median(times[best]!.runsMs) : NaN });
    chosen = [...chosen, candidates[best]!.input];
  }
  if (!times) {
    const t = await session.time(chosen, timing);
    t.forEach((r, i) => (worst[i]!.timeMs = median(r.runsMs)));
  }

  o.progress?.(`growth: ${o.typicalPerSize} random inputs at each size`);
  const samples = await session.sample({ sizes, perSize: o.typicalPerSize, maxDraws: 20_000, seed: o.seed });
  const typical: GrowthPoint[] = [];
  for (const set of samples) {
    if (set.inputs.length === 0) continue;
    const w = await session.work(set.inputs);
    const t = await session.time(set.inputs, timing);
    typical.push({
      // The sizes actually drawn, which may be near rather than at the one asked for.
      size: median(set.sizes),
      work: median(w.map((r) => r.work)),
      timeMs: median(t.map((r) => median(r.runsMs))),
    });
  }
  const fits = (pts: GrowthPoint[]) => ({
    work: fitGrowth(pts.map((p) => p.size), pts.map((p) => p.work)),
    time: fitGrowth(pts.map((p) => p.size), pts.map((p) => p.timeMs)),
  });
  return {
    finding: finding.rank,
    bound: finding.bound,
    method: 'shorter copies of the finding (costliest of prefix, suffix, ends at each size)',
    worst: { points: worst, ...fits(worst) },
    typical: { points: typical, ...fits(typical) },
    typicalPerSize: o.typicalPerSize,
  };
}
