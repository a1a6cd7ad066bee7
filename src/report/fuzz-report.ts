import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { CampaignResult, Kept } from '../fuzz/campaign-types.js';
import type { ProgressPoint } from '../fuzz/engine-types.js';
import type { FindingFile } from '../fuzz/findings.js';
import type { ConstraintSetInfo } from '../constraints/format.js';
import type { GrowthFinding } from '../fuzz/pump-search.js';
import type { RegexVerdict } from '../fuzz/regex-hints.js';

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
  /** The kept inputs of highest time, slowest first (cost inside built-ins shows here, not in work). */
  slowest?: Kept[];
  /** Best work and best time over the campaign. */
  progress: ProgressPoint[];
  /** The size budget and the largest kept input: far below the budget means the search never got there. */
  sizes?: { budget: number; largestKept: number };
  /** Characters the open alphabets took from the instrumented source. */
  sourceChars?: string[];
  /** Every regex the target compiled, with the ReDoS checker's verdict. */
  regexes?: RegexVerdict[];
  /** The fastest-growing pumped pattern measured (exponent of cost in size). */
  growth?: GrowthFinding;
}

export function runId(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
}

export function buildFuzzReport(
  r: CampaignResult,
  meta: { target: string; run: string; startedAt: string; mode: string; seed: number; topN?: number; maxSize?: number },
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
    slowest: [...r.kept].sort((a, b) => b.timeMs - a.timeMs).slice(0, meta.topN ?? 10),
    progress: r.progress,
    ...(meta.maxSize !== undefined ? { sizes: { budget: meta.maxSize, largestKept: Math.max(0, ...r.kept.map((k) => k.size)) } } : {}),
    ...(r.sourceChars?.length ? { sourceChars: r.sourceChars } : {}),
    ...(r.regexes?.length ? { regexes: r.regexes } : {}),
    ...(r.growth ? { growth: r.growth } : {}),
  };
}

/** Writes the report; returns its path relative to root. */
export function writeFuzzReport(root: string, report: FuzzReport): string {
  const file = path.join(root, 'reports', report.target, report.run, 'report.json');
  writeFileAtomic(file, JSON.stringify(report, null, 1) + '\n');
  return path.relative(root, file);
}
