import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { VerifiedSection } from '../measure/types.js';
import type { FuzzReport } from './fuzz-report.js';
import { describeIssues, REQUIRED_FIELDS, reportSchema } from './report-schema.js';

/** A constraint's row in the report (filled by constraint synthesis when it ran). */
export interface ConstraintRow {
  id: string;
  expr: string;
  location: string;
  reached: boolean;
  firstReachedMs?: number | null;
  medianWorkSatisfying?: number | null;
  medianWorkOther?: number | null;
}

/** report.json as read back: the campaign's report, maybe verified, maybe with constraints. */
export type StoredReport = FuzzReport & { verified?: VerifiedSection; constraints?: ConstraintRow[] };

/** A run folder or a report.json path → the report.json path. */
export function reportJsonPath(ref: string): string {
  const p = path.resolve(ref);
  if (existsSync(p) ? statSync(p).isDirectory() : !p.endsWith('.json')) return path.join(p, 'report.json');
  return p;
}

/** The newest run's report.json of a target, under reports/<id>/ (run names sort by time). */
export function latestReport(root: string, targetId: string): string {
  const dir = path.join(root, 'reports', targetId);
  const runs = existsSync(dir) ? readdirSync(dir).filter((r) => existsSync(path.join(dir, r, 'report.json'))).sort() : [];
  if (runs.length === 0) {
    throw new Error(`no report under ${path.relative(root, dir) || dir}/: run "wedge fuzz ${targetId}" first, or pass --report PATH`);
  }
  return path.join(dir, runs[runs.length - 1]!, 'report.json');
}

export function readReport(file: string): StoredReport {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new Error(`${file}: cannot read the report (${err.code === 'ENOENT' ? 'no such file' : err.message.split('\n')[0]})`);
  }
  const r = data as Partial<StoredReport> | null;
  const missing = REQUIRED_FIELDS.filter((k) => r?.[k] === undefined);
  if (typeof data !== 'object' || data === null || Array.isArray(data) || missing.length) {
    throw new Error(`${file}: not a Wedge report (missing field${missing.length === 1 ? '' : 's'} ${missing.join(', ')})`);
  }
  const checked = reportSchema.safeParse(data);
  if (!checked.success) throw new Error(`${file}: not a valid Wedge report: ${describeIssues(checked.error)}`);
  return data as StoredReport;
}

/** Rewrites report.json in place, atomically. */
export function writeReport(file: string, report: StoredReport): void {
  writeFileAtomic(file, JSON.stringify(report, null, 1) + '\n');
}

/**
 * The newest run of a target whose report.json has a `verified` section (an interrupted or
 * unverified run after it does not hide it), or undefined. An unreadable report is skipped with
 * a warning that names it.
 */
export function latestVerifiedReport(root: string, targetId: string, warn: (m: string) => void = () => {}): { file: string; report: StoredReport } | undefined {
  const dir = path.join(root, 'reports', targetId);
  const runs = existsSync(dir) ? readdirSync(dir).filter((r) => existsSync(path.join(dir, r, 'report.json'))).sort().reverse() : [];
  for (const run of runs) {
    const file = path.join(dir, run, 'report.json');
    try {
      const report = readReport(file);
      if (report.verified) return { file, report };
    } catch (e) {
      warn(`skipping ${(e as Error).message}`);
    }
  }
  return undefined;
}
