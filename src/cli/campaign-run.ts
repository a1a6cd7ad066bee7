import type { Command } from 'commander';
import path from 'node:path';
import { runCampaign, type CampaignResult } from '../fuzz/campaign.js';
import type { SearchMode } from '../fuzz/engine.js';
import { buildFuzzReport, runId, writeFuzzReport, type ConstraintSetInfo, type FuzzReport } from '../report/fuzz-report.js';
import { formatDuration, statusPrinter } from '../report/status-line.js';
import type { Target } from '../target/load.js';
import { onInterrupt } from './interrupt.js';
import { MIN_EXEC_TIMEOUT_MS, MIN_MEMORY_MB, WORKERS_PER_CORE, execTimeoutOption, memoryOption, parseCount, parsePositiveCount, parsePositiveDuration, workersOption } from './parse.js';
import type { ExtraProbes } from '../instrument/install.js';
import type { ConstraintStat } from '../fuzz/constraint-stats.js';
import { execInputs } from '../fuzz/spawn.js';
import { OPTIONS } from '../core/options.js';

/** The flags of a search, shared by `wedge fuzz` and `wedge run`. */
export interface CampaignFlags {
  workers: number;
  execTimeout: number;
  memory: number;
  keepErrors?: boolean;
  time?: number;
  execs?: number;
  seed: number;
  mode: SearchMode;
  corpus: boolean;
  /** Constraint probes to instrument (from constraints/<id>.json), by source path. */
  constraintProbes?: ExtraProbes;
  /** Where those probes came from, recorded in the report. */
  constraintSet?: ConstraintSetInfo;
}

/** Options every searching command takes. */
export function searchOptions(cmd: Command): Command {
  return cmd
    .option('--time <duration>', 'how long to search (e.g. 30s, 2m); without --execs, 30s', parsePositiveDuration)
    .option('--execs <n>', 'stop after n executions; with one worker and --seed the result is reproducible', parsePositiveCount)
    .option('--seed <n>', 'random seed', parseCount, OPTIONS.seed.default)
    .addOption(workersOption(`worker threads, 1 to ${WORKERS_PER_CORE} per core`))
    .addOption(execTimeoutOption(`one execution longer than this is a hang finding (at least ${MIN_EXEC_TIMEOUT_MS}ms)`))
    .addOption(memoryOption(`heap limit per worker in MB, at least ${MIN_MEMORY_MB}; exceeding it is an oom finding`));
}

export interface CampaignRun {
  result: CampaignResult;
  report: FuzzReport;
  /** report.json, relative to the working directory. */
  reportPath: string;
  /** Why report.json could not be written (read-only folder, full disk); the summary still stands. */
  reportError?: string;
  interrupted: boolean;
}

/** Runs a search with the status panel on stderr, writes its report.json. */
export async function runSearch(target: Target, flags: CampaignFlags, showStatus: boolean): Promise<CampaignRun> {
  const timeMs = flags.time ?? (flags.execs === undefined ? OPTIONS.time.default : undefined);
  const startedAt = new Date();
  const printer = statusPrinter(`${target.id} (${flags.mode})`);
  const interrupt = onInterrupt();
  try {
    const result = await runCampaign({
      target,
      mode: flags.mode,
      seed: flags.seed,
      timeMs,
      execs: flags.execs,
      workers: Math.max(1, flags.workers),
      execTimeoutMs: flags.execTimeout,
      memoryMb: flags.memory,
      keepErrors: flags.keepErrors,
      root: process.cwd(),
      useCorpus: flags.corpus,
      // Wall-time feedback depends on the machine; an execution-bounded run stays exact.
      timeFeedback: flags.execs === undefined,
      onStatus: showStatus ? (s) => printer.update(s) : undefined,
      stop: interrupt.requested,
      constraints: flags.constraintProbes,
    });
    printer.end();
    const built: FuzzReport = {
      ...buildFuzzReport(result, { target: target.id, run: runId(startedAt), startedAt: startedAt.toISOString(), mode: flags.mode, seed: flags.seed, maxSize: target.maxSize }),
      budget: { ...(timeMs !== undefined ? { timeMs } : {}), ...(flags.execs !== undefined ? { execs: flags.execs } : {}) },
      ...(flags.constraintSet ? { constraintSet: flags.constraintSet } : {}),
    };
    // Per constraint: reached or not, when first, median work of kept inputs satisfying it vs not,
    // and on how many kept inputs its guard refused or caught an error.
    if (result.constraints && flags.constraintProbes && !interrupt.wasRequested()) {
      if (showStatus) process.stderr.write(`constraints: replaying up to ${GUARD_CHECK_INPUTS} kept inputs to count each constraint's errors\n`);
      await addGuardErrors(target, flags.constraintProbes, result.kept.map((k) => k.input), result.constraints);
    }
    const report: FuzzReport & { constraints?: ConstraintStat[] } = result.constraints ? { ...built, constraints: result.constraints } : built;
    let reportPath = path.join('reports', report.target, report.run, 'report.json');
    let reportError: string | undefined;
    try {
      reportPath = writeFuzzReport(process.cwd(), report);
    } catch (e) {
      // The search's result is in memory: the caller still prints it, and says where writing failed.
      reportError = (e as Error).message;
    }
    return { result, report, reportPath, ...(reportError !== undefined ? { reportError } : {}), interrupted: interrupt.wasRequested() };
  } finally {
    interrupt.dispose();
  }
}

/** Kept inputs replayed to count constraint errors; the most recent ones when there are more. */
const GUARD_CHECK_INPUTS = OPTIONS.guardCheckInputs.default;

/**
 * Replays kept inputs once with the constraint probes to count, per constraint, the evaluations
 * its guard refused (a read through a getter or Proxy, a method of a program object) or that
 * threw: a constraint that errs on most inputs tells nothing about them.
 */
async function addGuardErrors(target: Target, probes: ExtraProbes, inputs: unknown[], stats: ConstraintStat[]): Promise<void> {
  const checked = inputs.slice(-GUARD_CHECK_INPUTS);
  if (checked.length === 0) return;
  let reports;
  try {
    reports = await execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs: checked, repeats: 0, warmup: false, extras: probes });
  } catch {
    return; // the counts are a diagnosis, not the search's result: without them the report stands
  }
  for (const s of stats) {
    let errors = 0;
    let inputsErring = 0;
    for (const r of reports) {
      const e = r.constraints?.[s.id]?.errors ?? 0;
      errors += e;
      if (e > 0) inputsErring++;
    }
    s.guardErrors = { errors, inputsErring, inputsChecked: reports.length };
  }
}

/** The plain-text summary of a search. */
export function searchSummary(target: Target, { result, reportPath, reportError }: CampaignRun, preview: (v: unknown) => string): string[] {
  return [
    `${target.id}: ${result.execs} execs in ${formatDuration(result.elapsedMs)} (${Math.round(result.execsPerSec)}/s), ${result.kept.length} inputs kept${result.resumedFrom ? `, resumed from ${result.resumedFrom}` : ''}`,
    `best work ${result.bestWork}, slowest call ${result.bestTimeMs.toFixed(3)} ms, probes hit ${result.covered}/${result.probes}`,
    result.hangs || result.ooms ? `hangs ${result.hangs}, out of memory ${result.ooms} (inputs in ${result.corpusDir ?? 'the report'}/findings)` : '',
    ...errorLines(result.errorGroups),
    `best input: ${preview(result.bestWorkInput)}`,
    result.bestTimeInput !== undefined && result.bestTimeInput !== result.bestWorkInput ? `slowest input: ${preview(result.bestTimeInput)}` : '',
    budgetWarning(target, result),
    regexLine(result),
    result.growth ? `fastest growth: ${JSON.stringify(result.growth.unit)} repeated, cost ∝ n^${result.growth.exponent.toFixed(2)}` : '',
    ...(result.constraints ?? []).map(describeConstraint),
    result.corpusDir ? `corpus: ${result.corpusDir}` : '',
    result.unsaved ? `not saved: ${result.unsaved.files} files of this run (${result.unsaved.error})` : '',
    reportError !== undefined ? `report: not written to ${reportPath} (${reportError})` : `report: ${reportPath}`,
  ].filter(Boolean);
}

/** Kept inputs far below the budget: the search never explored the sizes the user asked about. */
function budgetWarning(target: Target, result: CampaignResult): string {
  const largest = Math.max(0, ...result.kept.map((k) => k.size));
  return result.kept.length > 0 && largest < target.maxSize / 4
    ? `warning: the largest kept input has size ${largest}, far below the budget of ${target.maxSize}; check that size(input) measures what the arbitrary grows`
    : '';
}

function regexLine(result: CampaignResult): string {
  const v = result.regexes ?? [];
  if (v.length === 0) return '';
  const vulnerable = v.filter((x) => x.status === 'vulnerable').length;
  return `regexes: ${v.length} compiled by the target, ${vulnerable} vulnerable by recheck (listed in the report)`;
}

/** Error groups shown in the summary, most frequent first; the report holds them all. */
const SUMMARY_ERROR_GROUPS = 10;

/**
 * The most frequent error groups, each message on one line and cut short: a target whose
 * messages quote its input makes a group of nearly every input.
 */
export function errorLines(groups: Record<string, number>): string[] {
  const all = Object.entries(groups).sort((a, b) => b[1] - a[1]);
  const shown = all.slice(0, SUMMARY_ERROR_GROUPS).map(([k, v]) => {
    const line = k.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
    return `threw ${v}×: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
  });
  const rest = all.slice(SUMMARY_ERROR_GROUPS);
  if (rest.length > 0) shown.push(`… ${rest.length} more error groups (${rest.reduce((n, [, v]) => n + v, 0)} throws; all in the report)`);
  return shown;
}

function describeConstraint(c: ConstraintStat): string {
  const when = c.firstReachedMs === null ? 'not reached' : `reached at ${formatDuration(c.firstReachedMs)}, by ${c.inputsSatisfying}/${c.inputs} kept inputs`;
  const work = c.medianWorkSatisfying !== null ? `; median work ${c.medianWorkSatisfying} vs ${c.medianWorkOther ?? '—'} otherwise` : '';
  const g = c.guardErrors;
  const errs = g && g.errors > 0 ? `; errors on ${g.inputsErring}/${g.inputsChecked} kept inputs (${g.errors} evaluations refused or threw)` : '';
  return `constraint ${c.id} (${c.location}: ${c.expr}): ${when}${work}${errs}`;
}
