import path from 'node:path';
import { corpusDir, writeCorpusFile, type CorpusFile } from '../fuzz/corpus.js';
import type { CampaignResult, Kept } from '../fuzz/campaign-types.js';
import { findingsDir, writeFinding, type FindingFile } from '../fuzz/findings.js';
import type { ProgressPoint } from '../fuzz/engine-types.js';
import { buildFuzzReport, runId, writeFuzzReport } from '../report/fuzz-report.js';
import type { Target } from '../target/load.js';
import { describeRedis, openRedis } from './connect.js';
import { decodeEntry, type SharedEntry } from './entry.js';
import { targetKeys } from './keys.js';
import type { SliceResult } from './job.js';
import { SharedCorpus } from './shared-corpus.js';

export interface Pulled {
  /** Relative to root. */
  corpusDir: string;
  inputs: number;
  findings: number;
  refused: number;
  /** reports/<id>/<run>/report.json, relative to root. */
  report: string;
  bestWork: number;
}

/**
 * Writes a target's shared corpus into `corpora/<id>/` and its findings into `findings/` there
 * (every input checked as a corpus file is), and one report.json for the whole fleet's search,
 * so verify, report, gate and the exports work on it as on a local run.
 */
export async function pullFleet(url: string, target: Target, root: string, warn: (m: string) => void): Promise<Pulled> {
  const redis = await openRedis(url, 'commands');
  try {
    const shared = new SharedCorpus(redis, target.id);
    const where = describeRedis(url);
    const dir = corpusDir(root, target.id);
    const entries: SharedEntry[] = [];
    let refused = 0;
    for await (const [hash, text] of shared.all()) {
      try {
        entries.push(decodeEntry(text, target, `${where} ${shared.keys.corpus} ${hash}`));
      } catch (e) {
        refused++;
        warn(`refused an input from Redis: ${(e as Error).message}`);
      }
    }
    entries.sort((a, b) => a.at - b.at);
    for (const e of entries) writeCorpusFile(dir, e);
    const findings: FindingFile[] = [];
    for (const text of await shared.findings()) {
      const f = JSON.parse(text) as FindingFile;
      if (f.target !== target.id) continue;
      const { version: _v, hash: _h, ...rest } = f;
      findings.push(writeFinding(findingsDir(dir), rest).finding);
    }
    const runs = (await redis.hvals(targetKeys(target.id).runs)).map((t) => JSON.parse(t) as SliceResult);
    const started = entries[0]?.at ?? Date.now();
    const result = fleetResult(entries, findings, runs, started);
    const report = writeFuzzReport(root, {
      ...buildFuzzReport(result, { target: target.id, run: runId(new Date(started)), startedAt: new Date(started).toISOString(), mode: entries[0]?.mode ?? 'wedge', seed: entries[0]?.seed ?? 0, maxSize: target.maxSize }),
      fleet: { hosts: [...new Set(entries.map((e) => e.host))].sort(), slices: runs.length },
    } as Parameters<typeof writeFuzzReport>[1]);
    return { corpusDir: path.relative(root, dir) || dir, inputs: entries.length, findings: findings.length, refused, report, bestWork: result.bestWork };
  } finally {
    redis.disconnect();
  }
}

/** The fleet's search as one campaign result: counts summed over finished slices, bests over every input. */
function fleetResult(entries: SharedEntry[], findings: FindingFile[], runs: SliceResult[], started: number): CampaignResult {
  const kept: Kept[] = entries.map((e: CorpusFile & { at: number }) => ({ hash: e.hash, input: e.input, size: e.size, work: e.work, timeMs: e.timeMs, reasons: e.reasons, foundAtMs: e.at - started }));
  const byWork = [...kept].sort((a, b) => b.work - a.work)[0];
  const byTime = [...kept].sort((a, b) => b.timeMs - a.timeMs)[0];
  const progress: ProgressPoint[] = [];
  let bestWork = -1;
  let bestTimeMs = 0;
  for (const k of kept) {
    if (k.work <= bestWork && k.timeMs <= bestTimeMs) continue;
    bestWork = Math.max(bestWork, k.work);
    bestTimeMs = Math.max(bestTimeMs, k.timeMs);
    progress.push({ tMs: k.foundAtMs, execs: 0, bestWork, bestTimeMs });
  }
  const sum = (f: (r: SliceResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  const elapsedMs = Math.max(0, ...runs.map((r) => r.finishedAt - started), ...kept.map((k) => k.foundAtMs));
  const errorGroups: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.errorGroups)) errorGroups[k] = (errorGroups[k] ?? 0) + v;
  return {
    kept,
    findings,
    workers: new Set(runs.map((r) => r.host)).size,
    hangs: findings.filter((f) => f.kind === 'hang').length,
    ooms: findings.filter((f) => f.kind === 'oom').length,
    resumedFrom: 0,
    searchExecsPerSec: sum((r) => r.searchExecsPerSec),
    elapsedMs,
    execs: sum((r) => r.execs),
    execsPerSec: elapsedMs > 0 ? (sum((r) => r.execs) * 1000) / elapsedMs : 0,
    corpus: kept.length,
    bestWork: byWork?.work ?? -1,
    bestTimeMs: byTime?.timeMs ?? 0,
    bestWorkInput: byWork?.input,
    bestTimeInput: byTime?.input,
    covered: Math.max(0, ...runs.map((r) => r.covered)),
    probes: Math.max(0, ...runs.map((r) => r.probes)),
    errors: sum((r) => r.errors),
    rejected: sum((r) => r.rejected),
    lastFindMs: Math.max(0, ...kept.map((k) => k.foundAtMs)),
    progress,
    errorGroups,
  };
}
