import { OPTIONS } from '../core/options.js';
import type { CampaignResult } from '../fuzz/campaign-types.js';
import type { FindingFile } from '../fuzz/findings.js';
import type { Candidate } from '../measure/select.js';
import type { StoredReport } from '../report/report-file.js';

/**
 * Hang findings whose input was recovered: the slowest inputs of a run, verified first, each run
 * under a limit. Their time is at least the timeout that stopped them (the default exec timeout
 * in reports written before it was recorded).
 */
export function hangCandidates(findings: readonly FindingFile[]): Candidate[] {
  const fallback = OPTIONS.execTimeout.default;
  return findings
    .filter((f) => f.kind === 'hang' && f.input !== undefined)
    .map((f) => ({ hash: f.hash, input: f.input, work: -1, timeMs: f.minTimeMs ?? fallback, hangMs: f.minTimeMs ?? fallback }));
}

/** The inputs of a report worth verifying: its hangs, its top list, and its slowest input if not in it. */
export function reportCandidates(r: StoredReport): Candidate[] {
  const out: Candidate[] = [...hangCandidates(r.findings ?? []), ...r.top.map((k) => ({ hash: k.hash, input: k.input, work: k.work, timeMs: k.timeMs }))];
  const known = new Set(out.map((c) => JSON.stringify(c.input)));
  if (r.best.slowestInput !== undefined && !known.has(JSON.stringify(r.best.slowestInput))) {
    out.push({ input: r.best.slowestInput, work: -1, timeMs: r.best.timeMs });
  }
  if (r.best.input !== undefined && !known.has(JSON.stringify(r.best.input))) out.push({ input: r.best.input, work: r.best.work, timeMs: 0 });
  return out;
}

/**
 * The inputs of a search just run worth verifying: its hangs, every input it kept, and its best
 * work and time inputs, which may come from an earlier run's corpus that `kept` (this run's)
 * leaves out.
 */
export function searchCandidates(result: CampaignResult): Candidate[] {
  const candidates: Candidate[] = [...hangCandidates(result.findings), ...result.kept.map((k) => ({ hash: k.hash, input: k.input, work: k.work, timeMs: k.timeMs }))];
  const known = new Set(candidates.map((c) => JSON.stringify(c.input)));
  if (result.bestWorkInput !== undefined && !known.has(JSON.stringify(result.bestWorkInput))) candidates.push({ input: result.bestWorkInput, work: result.bestWork, timeMs: 0 });
  if (result.bestTimeInput !== undefined && !known.has(JSON.stringify(result.bestTimeInput))) candidates.push({ input: result.bestTimeInput, work: -1, timeMs: result.bestTimeMs });
  return candidates;
}
