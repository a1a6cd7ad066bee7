import type { CampaignResult, CampaignStatus } from './campaign-types.js';
import type { Kept } from './corpus.js';
import type { ProgressPoint } from './engine-types.js';
import { boundErrorGroups } from './error-groups.js';
import type { Totals } from './slot-totals.js';
import type { Slot } from './worker-slot.js';

/** The campaign's status line data: sums over the workers' totals, the best of their bests. */
export function campaignStatus(
  slots: Slot[],
  all: Totals[],
  t0: number,
  c: { kept: Kept[]; resumed: number; hangs: number; ooms: number; largestKept: number; maxSize: number },
): CampaignStatus {
  const elapsedMs = Date.now() - t0;
  const kept = c.kept;
  const workers = slots.map((s, i) => ({
    index: s.index,
    generation: s.generation,
    alive: !!s.worker && !s.ended,
    execs: all[i]!.execs,
    execsPerSec: s.last?.execsPerSec ?? 0,
  }));
  const max = (f: (t: Totals) => number) => Math.max(0, ...all.map(f));
  const execs = workers.reduce((a, w) => a + w.execs, 0);
  return {
    elapsedMs,
    execs,
    execsPerSec: workers.reduce((a, w) => a + (w.alive ? w.execsPerSec : 0), 0),
    corpus: kept.length + c.resumed,
    bestWork: max((s) => s.bestWork),
    bestTimeMs: max((s) => s.bestTimeMs),
    covered: max((s) => s.covered),
    probes: max((s) => s.probes),
    errors: all.reduce((a, t) => a + t.errors, 0),
    rejected: all.reduce((a, t) => a + t.rejected, 0),
    lastFindMs: kept.length ? Math.max(...kept.slice(-1).map((k) => k.foundAtMs)) : 0,
    workers,
    hangs: c.hangs,
    ooms: c.ooms,
    largestKept: c.largestKept,
    maxSize: c.maxSize,
  };
}

/**
 * One result for the campaign: sums of counts, the best of bests, one progress curve. Slots
 * whose last worker was replaced and not restarted have no result: their totals (last known
 * status of each generation) and kept inputs stand for them.
 */
export function merge(
  slots: Slot[],
  totals: Totals[],
  t0: number,
  extra: Pick<CampaignResult, 'kept' | 'findings' | 'hangs' | 'ooms' | 'corpusDir' | 'resumedFrom'> & { elapsedMs: number },
): CampaignResult {
  const results = slots.flatMap((s) => (s.result ? [s.result] : []));
  const byWork = [...results].sort((a, b) => b.bestWork - a.bestWork)[0];
  // A replaced worker's best lives on in what it kept.
  const keptBest = [...extra.kept].sort((a, b) => b.work - a.work)[0];
  const bestFromKept = keptBest !== undefined && keptBest.work > (byWork?.bestWork ?? -1);
  const byTime = [...results].sort((a, b) => b.bestTimeMs - a.bestTimeMs)[0];
  const keptSlowest = [...extra.kept].sort((a, b) => b.timeMs - a.timeMs)[0];
  const slowFromKept = keptSlowest !== undefined && keptSlowest.timeMs > (byTime?.bestTimeMs ?? 0);
  const execs = totals.reduce((a, t) => a + t.execs, 0);
  const errorGroups: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.errorGroups)) errorGroups[k] = (errorGroups[k] ?? 0) + v;
  boundErrorGroups(errorGroups);
  // Engine times count from the engine's start, about when its worker reported ready.
  const finals = slots.flatMap((s) => (s.result?.progress ?? []).map((p) => ({ ...p, tMs: p.tMs + (s.readyAt ?? s.startedAt) - t0, execs: p.execs + s.past.execs })));
  const points = [...slots.flatMap((s) => s.history), ...finals].sort((a, b) => a.tMs - b.tMs);
  let bestWork = -1;
  let bestTimeMs = 0;
  let cumulative = 0;
  const progress: ProgressPoint[] = [];
  for (const p of points) {
    cumulative = Math.max(cumulative, p.execs);
    if (p.bestWork > bestWork || p.bestTimeMs > bestTimeMs) {
      bestWork = Math.max(bestWork, p.bestWork);
      bestTimeMs = Math.max(bestTimeMs, p.bestTimeMs);
      progress.push({ tMs: p.tMs, execs: p.execs, bestWork, bestTimeMs });
    }
  }
  return {
    ...extra,
    execs,
    execsPerSec: extra.elapsedMs > 0 ? (execs * 1000) / extra.elapsedMs : 0,
    searchExecsPerSec: slots.reduce((a, s) => a + (s.result?.execs ? s.result.execsPerSec : s.lastRate), 0),
    corpus: extra.kept.length + extra.resumedFrom,
    bestWork: bestFromKept ? keptBest.work : (byWork?.bestWork ?? -1),
    bestTimeMs: slowFromKept ? keptSlowest.timeMs : (byTime?.bestTimeMs ?? 0),
    bestWorkInput: bestFromKept ? keptBest.input : byWork?.bestWorkInput,
    bestTimeInput: slowFromKept ? keptSlowest.input : byTime?.bestTimeInput,
    covered: Math.max(0, ...totals.map((t) => t.covered)),
    probes: Math.max(0, ...totals.map((t) => t.probes)),
    errors: totals.reduce((a, t) => a + t.errors, 0),
    rejected: totals.reduce((a, t) => a + t.rejected, 0),
    lastFindMs: Math.max(0, ...extra.kept.map((k) => k.foundAtMs)),
    progress,
    errorGroups,
    executedSample: slots[0]!.result?.executedSample,
    sourceChars: results.find((r) => r.sourceChars?.length)?.sourceChars,
    growth: [...results.map((r) => r.growth), ...slots.map((s) => s.growth)].filter((g) => g !== undefined).sort((a, b) => b.exponent - a.exponent)[0],
    workers: slots.length,
  };
}
