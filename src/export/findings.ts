import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { corpusDir, inputHash, readCorpus } from '../fuzz/corpus.js';
import { findingsDir, type FindingKind } from '../fuzz/findings.js';
import { latestReport, latestVerifiedReport, readReport, type StoredReport } from '../report/report-file.js';
import { relativePosix } from '../core/posix-path.js';
import type { CostedInput } from '../core/costed-input.js';

/** An input worth replaying, with the work recorded when it was found or verified. */
/** A finding an export replays: an input with its recorded work, stored under its hash. */
export type Finding = CostedInput & { hash: string };

export interface TargetFindings {
  target: string;
  /** Highest recorded work first. */
  findings: Finding[];
  /** Where they came from, for messages and generated headers (relative to the root). */
  from: string;
  /**
   * Hang, out-of-memory and error findings, counted and left out: a hang or an OOM is cut off by
   * a timeout or a heap limit, so its work is not a number a replay can reproduce, and a
   * throwing input is a correctness finding, not a cost.
   */
  leftOut: Record<FindingKind, number>;
  /** Inputs over the target's size budget (a hand-edited corpus, or one from an older budget), left out. */
  overBudget: number;
}

/** The target's size measure and budget: an input above it is not one the target asks about. */
export interface SizeBudget {
  size: (input: unknown) => number;
  maxSize: number;
}

/** Whether an input is within the budget; one whose size cannot be measured is not. */
export function withinBudget(budget: SizeBudget | undefined, input: unknown): boolean {
  if (!budget) return true;
  try {
    const n = budget.size(input);
    return typeof n === 'number' && Number.isFinite(n) && n <= budget.maxSize;
  } catch {
    return false;
  }
}

export class NoFindingsError extends Error {}

/**
 * The findings of a target: the verified findings of its newest verified report under
 * reports/<id>/ (as `wedge export dataset` takes them), else the top inputs of corpora/<id>/ by
 * work, else the newest report's top list.
 */
export function targetFindings(root: string, targetId: string, o: { top?: number; warn?: (m: string) => void; budget?: SizeBudget } = {}): TargetFindings {
  const top = Math.max(1, o.top ?? 10);
  const warn = o.warn ?? (() => {});
  const rel = (p: string) => relativePosix(root, p);
  let overBudget = 0;
  const pick = (list: Finding[]) => {
    const distinct = dedupe(list);
    const fit = distinct.filter((f) => withinBudget(o.budget, f.input));
    overBudget = distinct.length - fit.length;
    return fit.sort((a, b) => b.work - a.work).slice(0, top);
  };
  const dir = corpusDir(root, targetId);

  const verified = latestVerifiedReport(root, targetId, warn);
  if (verified && verified.report.verified!.findings.length > 0) {
    const list = verified.report.verified!.findings.map((f) => ({ hash: f.hash ?? inputHash(f.input), input: f.input, work: f.work, size: f.size }));
    const findings = pick(list);
    return { target: targetId, findings, from: `${rel(verified.file)} (verified findings)`, leftOut: countLeftOut(dir, verified.report), overBudget };
  }
  const newest = newestReport(root, targetId, warn);
  const leftOut = countLeftOut(dir, newest?.report);
  const corpus = readCorpus(dir, warn);
  if (corpus.length > 0) {
    const list = corpus.map((c) => ({ hash: c.hash, input: c.input, work: c.work, size: c.size }));
    const findings = pick(list);
    return { target: targetId, findings, from: `${rel(dir)}/ (top ${Math.min(top, corpus.length)} of ${corpus.length} by work)`, leftOut, overBudget };
  }
  if (newest && newest.report.top.length > 0) {
    const list = newest.report.top.map((k) => ({ hash: k.hash, input: k.input, work: k.work, size: k.size }));
    const findings = pick(list);
    return { target: targetId, findings, from: `${rel(newest.file)} (top inputs, not verified)`, leftOut, overBudget };
  }
  throw new NoFindingsError(`no findings for target "${targetId}": no verified report under reports/${targetId}/ and no corpus in corpora/${targetId}/ (run "wedge run ${targetId}" first)`);
}

function newestReport(root: string, targetId: string, warn: (m: string) => void): { file: string; report: StoredReport } | undefined {
  let file: string;
  try {
    file = latestReport(root, targetId);
  } catch {
    return undefined; // no report at all: the corpus may still hold findings
  }
  try {
    return { file, report: readReport(file) };
  } catch (e) {
    warn(`skipping ${(e as Error).message}`);
    return undefined;
  }
}

/** "2 hang, 1 oom findings left out: ..." or undefined when none were. */
export function leftOutNote(f: TargetFindings): string | undefined {
  const kinds = (Object.entries(f.leftOut) as [FindingKind, number][]).filter(([, n]) => n > 0);
  const total = kinds.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return undefined;
  const parts = kinds.map(([k, n]) => `${n} ${k}`).join(', ');
  return `${f.target}: ${parts} finding${total === 1 ? '' : 's'} left out: a hang or an out-of-memory run ends at a limit, not at a work count a replay can reproduce, and an error is not a cost`;
}

/** "3 inputs over the size budget (64) left out" or undefined when none were. */
export function overBudgetNote(f: TargetFindings, maxSize: number): string | undefined {
  if (f.overBudget === 0) return undefined;
  return `${f.target}: ${f.overBudget} input${f.overBudget === 1 ? '' : 's'} over the size budget (maxSize ${maxSize}) left out: the target does not ask about ${f.overBudget === 1 ? 'it' : 'them'}`;
}

function dedupe(list: Finding[]): Finding[] {
  const seen = new Set<string>();
  return list.filter((f) => !seen.has(f.hash) && (seen.add(f.hash), true));
}

/** Fault findings in corpora/<id>/findings/ (named <kind>-<hash>.json) and in the report, once each. */
function countLeftOut(dir: string, report: StoredReport | undefined): Record<FindingKind, number> {
  const keys = new Set<string>();
  const fdir = findingsDir(dir);
  if (existsSync(fdir)) {
    for (const name of readdirSync(fdir)) {
      const m = /^(hang|oom|error)-([0-9a-f]+)\.json$/.exec(name);
      if (m) keys.add(`${m[1]}-${m[2]}`);
    }
  }
  for (const f of report?.findings ?? []) keys.add(`${f.kind}-${f.hash}`);
  const out: Record<FindingKind, number> = { hang: 0, oom: 0, error: 0 };
  for (const k of keys) out[k.slice(0, k.indexOf('-')) as FindingKind]++;
  return out;
}
