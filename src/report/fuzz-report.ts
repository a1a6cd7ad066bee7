import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { CampaignResult, Kept } from '../fuzz/campaign.js';
import type { ProgressPoint } from '../fuzz/engine.js';
import type { FindingFile } from '../fuzz/findings.js';
import type { ConstraintSetInfo } from '../constraints/format.js';

export type { ConstraintSetInfo };

/** reports/<id>/<run>/report.json: the truth a campaign leaves behind. */
export interface FuzzReport {
  version: 1;
  target: string;
  run: string;
  startedAt: string;
  mode: string;
  seed: number;
  /** What the search was allowed: a time budget, an execution budget, or both. */
  budget?: { timeMs?: number; execs?: number };
  /** Absent when the search ran without constraint probes. */
  constraintSet?: ConstraintSetInfo;
  durationMs: number;
  execs: number;
  execsPerSec: number;
  corpusSize: number;
  probes: number;
  covered: number;
  errors: number;
  errorGroups: Record<string, number>;
  rejected: number;
  workers: number;
  hangs: number;
  ooms: number;
  /** Hangs, out-of-memory inputs and (with --keep-errors) throwing inputs. */
  findings: FindingFile[];
  best: { work: number; timeMs: number; input: unknown; slowestInput: unknown };
  /** The kept inputs of highest work, best first. */
  top: Kept[];
  /** Best work and best time over the campaign. */
  progress: ProgressPoint[];
}

export function runId(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
}

export function buildFuzzReport(
  r: CampaignResult,
  meta: { target: string; run: string; startedAt: string; mode: string; seed: number; topN?: number },
): FuzzReport {
  const top = [...r.kept].sort((a, b) => b.work - a.work || b.timeMs - a.timeMs).slice(0, meta.topN ?? 10);
  return {
    version: 1,
    target: meta.target,
    run: meta.run,
    startedAt: meta.startedAt,
    mode: meta.mode,
    seed: meta.seed,
    durationMs: Math.round(r.elapsedMs),
    execs: r.execs,
    execsPerSec: Math.round(r.execsPerSec),
    corpusSize: r.corpus,
    probes: r.probes,
    covered: r.covered,
    errors: r.errors,
    errorGroups: r.errorGroups,
    rejected: r.rejected,
    workers: r.workers,
    hangs: r.hangs,
    ooms: r.ooms,
    findings: r.findings,
    best: { work: r.bestWork, timeMs: r.bestTimeMs, input: r.bestWorkInput, slowestInput: r.bestTimeInput },
    top,
    progress: r.progress,
  };
}

/** Writes the report; returns its path relative to root. */
export function writeFuzzReport(root: string, report: FuzzReport): string {
  const file = path.join(root, 'reports', report.target, report.run, 'report.json');
  writeFileAtomic(file, JSON.stringify(report, null, 1) + '\n');
  return path.relative(root, file);
}
