import path from 'node:path';
import { OPTIONS } from '../core/options.js';
import type { Candidate } from '../measure/select.js';
import type { VerifiedSection } from '../measure/types.js';
import { DEFAULT_VERIFY, verifyFindings } from '../measure/verify.js';
import { writeReportHtml } from '../report/html/write.js';
import { latestReport, readReport, reportJsonPath, writeReport, type StoredReport } from '../report/report-file.js';
import { verifySummary } from '../report/verify-summary.js';
import { resolveTarget, type Target, type TargetRef } from '../target/load.js';
import { reportCandidates } from './candidates.js';

/** Options of {@link verify}. Every field is optional; each says its default. */
export interface VerifyOptions {
  /** Project root: ids resolve under it, and the newest report is looked for under its `reports/<id>/`. Default: `process.cwd()`. */
  root?: string;
  /** The run to verify: its folder or its report.json (relative to the root). Default: the newest under `reports/<id>/`. */
  report?: string;
  /** The inputs to choose from. Default: the report's hangs, top inputs, best and slowest input. */
  candidates?: Candidate[];
  /** How many findings to re-measure. Default: 10. */
  top?: number;
  /**
   * Verification's time in all, in ms: the measured time per input is fitted to it once the
   * findings and their baselines are counted (see fitTiming in measure/timing.ts), at most
   * `minTimeMs`. Default: 15 000 ms, unless `minTimeMs` alone is given (then that is the time per input outright).
   */
  timeMs?: number;
  /** Measured time per input, at least, in ms (with at least 10 runs); with `timeMs` the most an input gets. Default: fitted to `timeMs`, at most 1000 ms. */
  minTimeMs?: number;
  /** Random inputs of the same size behind each typical time. Default: 20. */
  baselineInputs?: number;
  /** Seed of the random baseline inputs. Default: 1. */
  seed?: number;
  /** Progress lines as verification goes. Default: none. */
  progress?: (message: string) => void;
}

/** What {@link verify} returns. */
export interface VerifyResult {
  /** The report.json verified (absolute); its `verified` section is written. */
  reportPath: string;
  /** report.html written beside it (absolute). */
  html: string;
  verified: VerifiedSection;
  /** The plain-text summary: slowdown with its spread, growth. */
  summary: string[];
  /** Time spent verifying, and writing the report, in ms. */
  verifyMs: number;
  reportMs: number;
  target: Target;
}

/**
 * Re-measures the top findings of a run in a fresh process against random inputs of the same
 * size, minimizes the slowest and measures growth; adds the `verified` section to report.json
 * and writes report.html beside it.
 */
export async function verify(target: TargetRef, options: VerifyOptions = {}): Promise<VerifyResult> {
  const root = options.root ?? process.cwd();
  const t = await resolveTarget(target, root);
  const reportJson = options.report !== undefined ? reportJsonPath(path.resolve(root, options.report)) : latestReport(root, t.id);
  const report = readReport(reportJson);
  if (report.target !== t.id) throw new Error(`${reportJson}: the report is of target "${report.target}", not "${t.id}"`);
  // An explicit minTimeMs alone is the time per input outright; otherwise it is fitted to a total.
  const budgetMs = options.timeMs ?? (options.minTimeMs === undefined ? OPTIONS.verifyTime.default : undefined);
  const t0 = Date.now();
  const verified = await verifyFindings(t, options.candidates ?? reportCandidates(report), {
    ...DEFAULT_VERIFY,
    top: Math.max(1, options.top ?? OPTIONS.verifyTop.default),
    timing: { ...DEFAULT_VERIFY.timing, minTotalMs: options.minTimeMs ?? OPTIONS.minTime.default },
    ...(budgetMs !== undefined ? { timeBudgetMs: budgetMs } : {}),
    baselineInputs: Math.max(1, options.baselineInputs ?? OPTIONS.baselineInputs.default),
    seed: options.seed ?? OPTIONS.seed.default,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  const verifyMs = Date.now() - t0;
  const updated: StoredReport = { ...report, verified };
  writeReport(reportJson, updated);
  const html = writeReportHtml(reportJson, updated);
  return { reportPath: reportJson, html, verified, summary: verifySummary(t.id, verified), verifyMs, reportMs: Date.now() - t0 - verifyMs, target: t };
}
