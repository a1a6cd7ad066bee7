import { runCampaign } from '../src/fuzz/campaign.js';
import { median } from '../src/core/stats.js';
import { loadTarget } from '../src/target/load.js';
import { medianRound } from './median-round.js';

export interface ParallelScaling {
  target: string;
  execsPerSec1: number;
  execsPerSec2: number;
  speedup: number;
  /** Every round (1 worker, then 2); the headline figures are those of the median speedup. */
  rounds: { execsPerSec1: number; execsPerSec2: number; speedup: number }[];
}

/**
 * Executions per second of the search with one and with two workers, same target and time,
 * alternating over a few rounds (median speedup reported): on a shared machine a burst of
 * other load then moves one round, not the result. Rates are those of the search loops, the
 * workers' start-up left out.
 */
export async function measureScaling(root: string, id: string, timeMs: number, roundCount = 3): Promise<ParallelScaling> {
  const target = await loadTarget(id);
  const rate = async (workers: number, seed: number) =>
    (await runCampaign({ target, mode: 'wedge', seed, timeMs, workers, root, useCorpus: false, timeFeedback: true })).searchExecsPerSec;
  const rounds: ParallelScaling['rounds'] = [];
  for (let k = 0; k < roundCount; k++) {
    const one = await rate(1, k + 1);
    const two = await rate(2, k + 1);
    rounds.push({ execsPerSec1: Math.round(one), execsPerSec2: Math.round(two), speedup: two / one });
  }
  return { target: id, ...medianRound(rounds, (r) => r.speedup), rounds };
}

export interface ConvergenceRow {
  target: string;
  /** Median seconds to 0.95 of the known worst (null: not reached in most seeds). */
  t95Workers1: number | null;
  t95Workers2: number | null;
  ratio1: number;
  ratio2: number;
}

/** Time to reach 0.95 of the known worst with 1 and 2 workers, median over seeds. */
export async function measureConvergence(root: string, id: string, worst: number, timeMs: number, seeds: number): Promise<ConvergenceRow> {
  const target = await loadTarget(id);
  const one = async (workers: number) => {
    const times: number[] = [];
    const ratios: number[] = [];
    for (let s = 1; s <= seeds; s++) {
      const r = await runCampaign({ target, mode: 'wedge', seed: s, timeMs, workers, root, useCorpus: false, timeFeedback: true });
      const hit = r.progress.find((p) => p.bestWork >= 0.95 * worst);
      times.push(hit ? hit.tMs / 1000 : Infinity);
      ratios.push(r.bestWork / worst);
    }
    const t = median(times);
    return { t: Number.isFinite(t) ? t : null, ratio: median(ratios) };
  };
  const a = await one(1);
  const b = await one(2);
  return { target: id, t95Workers1: a.t, t95Workers2: b.t, ratio1: a.ratio, ratio2: b.ratio };
}
