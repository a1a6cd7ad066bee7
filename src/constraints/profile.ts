import { OPTIONS } from '../core/options.js';
import { runCampaign } from '../fuzz/campaign.js';
import type { ExecReport } from '../fuzz/protocol.js';
import { execInputs } from '../fuzz/spawn.js';
import type { ExtraProbe } from '../instrument/constraint-probes.js';
import type { ExtraProbes } from '../instrument/install.js';
import { median } from '../core/stats.js';
import type { Target } from '../target/load.js';
import type { SourceFile } from './sources.js';

/** How much profiling synthesis does; the defaults take a few seconds per target. */
export interface ProfileBudget {
  /** Random samples drawn, of which the ones nearest the slow inputs' size are "typical". */
  samples: number;
  typical: number;
  /** Executions of the short search that finds slow inputs (execution-bounded: reproducible). */
  searchExecs: number;
  /** ...and a wall-time cap on it. */
  searchTimeMs: number;
  slow: number;
  seed: number;
}

export const DEFAULT_BUDGET: ProfileBudget = {
  samples: OPTIONS.profileSamples.default,
  typical: OPTIONS.profileTypical.default,
  searchExecs: OPTIONS.profileSearchExecs.default,
  searchTimeMs: OPTIONS.profileSearchTime.default,
  slow: OPTIONS.profileSlow.default,
  seed: OPTIONS.seed.default,
};
/** Typical inputs are within this fraction of the slow inputs' median size... */
const SIZE_TOLERANCE = 0.1;
/** ...unless fewer than this many are: then the nearest ones. */
const MIN_TYPICAL = 20;

/** Inputs to learn from: typical ones (random, same size as the slow ones) and slow ones. */
export interface ProfileInputs {
  typical: unknown[];
  slow: unknown[];
}

/**
 * Draws random samples and runs a short cost-guided search, both in worker threads like any
 * campaign (so samples are drawn under the same fast-check settings), with no corpus. The two
 * campaigns run at the same time, one worker each: neither reads the other's inputs (no corpus,
 * no shared state), the samples are execution-bounded and seeded (the same whatever the
 * timing), and the search's wall-time cap counts from its own worker's loading.
 */
export async function collectInputs(target: Target, root: string, budget: ProfileBudget): Promise<ProfileInputs> {
  const common = { target, root, useCorpus: false, timeFeedback: false, workers: 1, seed: budget.seed, execTimeoutMs: 1000, warn: () => {} } as const;
  const [random, search] = await Promise.all([
    runCampaign({ ...common, mode: 'random', execs: budget.samples, reservoir: budget.samples }),
    runCampaign({ ...common, mode: 'wedge', execs: budget.searchExecs, timeMs: budget.searchTimeMs }),
  ]);
  const slow: { input: unknown; size: number }[] = [...search.kept].sort((a, b) => b.work - a.work).slice(0, budget.slow);
  const best = search.bestWorkInput;
  if (best !== undefined && !slow.some((k) => k.input === best)) slow.unshift({ input: best, size: target.size(best) });
  const slowSize = median(slow.map((k) => k.size));
  // Typical = random inputs of about the slow inputs' size: what makes an input slow is its
  // shape, not its size, so the contrast must hold size fixed.
  const samples = (random.executedSample ?? []).map((input) => ({ input, size: target.size(input) }));
  samples.sort((a, b) => Math.abs(a.size - slowSize) - Math.abs(b.size - slowSize));
  const near = samples.filter((s) => Math.abs(s.size - slowSize) <= SIZE_TOLERANCE * slowSize);
  const typical = (near.length >= MIN_TYPICAL ? near : samples.slice(0, MIN_TYPICAL)).slice(0, budget.typical);
  return { typical: typical.map((s) => s.input), slow: slow.map((k) => k.input) };
}

/**
 * Runs inputs with extra probes; reports carry work, per-line hits, constraint hits, measures.
 * Once each, unless `timeRepeats` asks for wall times too (warmed up, round-robin).
 */
export async function runWithProbes(target: Target, inputs: unknown[], probes: ExtraProbe[], sources: SourceFile[], timeRepeats = 0): Promise<ExecReport[]> {
  const extras = byFile(probes, sources);
  return execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs, repeats: timeRepeats, warmup: timeRepeats > 0, extras });
}

/** Extra probes keyed by the absolute path module hooks see. */
export function byFile(probes: ExtraProbe[], sources: SourceFile[]): ExtraProbes {
  const out: ExtraProbes = {};
  for (const p of probes) {
    const src = sources.find((s) => s.rel === p.anchor.file);
    if (!src) continue;
    (out[src.abs] ??= []).push(p);
  }
  return out;
}
