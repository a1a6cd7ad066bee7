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
