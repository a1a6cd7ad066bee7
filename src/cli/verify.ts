import path from 'node:path';
import type { Command } from 'commander';
import type { FindingFile } from '../fuzz/findings.js';
import type { Candidate } from '../measure/select.js';
import { DEFAULT_VERIFY, verifyFindings } from '../measure/verify.js';
import { writeReportHtml } from '../report/html/write.js';
import { latestReport, readReport, reportJsonPath, writeReport, type StoredReport } from '../report/report-file.js';
import { formatDuration } from '../report/status-line.js';
import { phaseTimes, verifySummary } from '../report/verify-summary.js';
import type { VerifiedSection } from '../measure/types.js';
import { loadTarget, type Target } from '../target/load.js';
import { optionWithDefault, parseCount, parseDuration } from './parse.js';
import { OPTIONS } from '../core/options.js';

export interface VerifyFlags {
  top: number;
  minTime: number;
  baseline: number;
  seed: number;
}

/** Verification options shared by `wedge verify` and `wedge run`. */
export function verifyOptions(cmd: Command): Command {
  return cmd
    .option('--top <n>', 'how many findings to re-measure', parseCount, DEFAULT_VERIFY.top)
    .addOption(optionWithDefault('--min-time <duration>', `measured time per input, at least (with at least ${DEFAULT_VERIFY.timing.minRuns} runs)`, parseDuration, DEFAULT_VERIFY.timing.minTotalMs, `${DEFAULT_VERIFY.timing.minTotalMs / 1000}s`))
    .option('--baseline <n>', 'random inputs of the same size behind each typical time', parseCount, DEFAULT_VERIFY.baselineInputs);
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
 * Hang findings whose input was recovered: the slowest inputs of a run, verified first, each run
 * under a limit. Their time is at least the timeout that stopped them (2 s in reports written
 * before it was recorded, the default).
 */
export function hangCandidates(findings: readonly FindingFile[]): Candidate[] {
  return findings
    .filter((f) => f.kind === 'hang' && f.input !== undefined)
    .map((f) => ({ hash: f.hash, input: f.input, work: -1, timeMs: f.minTimeMs ?? OPTIONS.execTimeout.default, hangMs: f.minTimeMs ?? OPTIONS.execTimeout.default }));
}

/** Verifies, stores the result in report.json and writes report.html; returns the summary lines. */
export async function verifyIntoReport(
  target: Target,
  reportJson: string,
  candidates: Candidate[],
  flags: VerifyFlags,
): Promise<{ html: string; summary: string[]; verified: VerifiedSection; verifyMs: number; reportMs: number }> {
  const report = readReport(reportJson);
  if (report.target !== target.id) throw new Error(`${reportJson}: the report is of target "${report.target}", not "${target.id}"`);
  const t0 = Date.now();
  const verified = await verifyFindings(target, candidates, {
    ...DEFAULT_VERIFY,
    top: Math.max(1, flags.top),
    timing: { ...DEFAULT_VERIFY.timing, minTotalMs: flags.minTime },
    baselineInputs: Math.max(1, flags.baseline),
    seed: flags.seed,
    progress: (m) => process.stderr.write(`[${formatDuration(Date.now() - t0)}] ${m}\n`),
  });
  const verifyMs = Date.now() - t0;
  const updated: StoredReport = { ...report, verified };
  writeReport(reportJson, updated);
  const html = writeReportHtml(reportJson, updated);
  return { html, summary: verifySummary(target.id, verified), verified, verifyMs, reportMs: Date.now() - t0 - verifyMs };
}

export function registerVerify(program: Command): void {
  verifyOptions(
    program
      .command('verify')
      .description('re-measure the top findings of a run in a fresh process against random inputs of the same size; adds them to report.json and writes report.html')
      .argument('<target>', 'target id or path to a target file')
      .option('--report <path>', 'the run to verify: its folder or report.json (default: the newest under reports/<id>/)'),
  )
    .option('--seed <n>', 'seed for the random baseline inputs', parseCount, OPTIONS.seed.default)
    .action(async (ref: string, flags: VerifyFlags & { report?: string }) => {
      const target = await loadTarget(ref);
      const reportJson = flags.report ? reportJsonPath(flags.report) : latestReport(process.cwd(), target.id);
      const { html, summary, verified, verifyMs } = await verifyIntoReport(target, reportJson, reportCandidates(readReport(reportJson)), flags);
      process.stdout.write([...summary, phaseTimes([['verification', verifyMs]], verified), `report: ${path.relative(process.cwd(), html)}`].join('\n') + '\n');
    });
}
