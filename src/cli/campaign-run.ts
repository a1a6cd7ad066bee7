import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { runCampaign, type CampaignResult } from '../fuzz/campaign.js';
import type { SearchMode } from '../fuzz/engine.js';
import { buildFuzzReport, runId, writeFuzzReport, type ConstraintSetInfo, type FuzzReport } from '../report/fuzz-report.js';
import { formatDuration, statusPrinter } from '../report/status-line.js';
import type { Target } from '../target/load.js';
import { onInterrupt } from './interrupt.js';
import { parseCount, parseDuration } from './parse.js';
import type { ExtraProbes } from '../instrument/install.js';
import type { ConstraintStat } from '../fuzz/constraint-stats.js';

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
    .option('--time <duration>', 'how long to search (e.g. 30s, 2m); default 30s unless --execs is given', parseDuration)
    .option('--execs <n>', 'stop after n executions; with one worker and --seed the result is reproducible', parseCount)
    .option('--seed <n>', 'random seed', parseCount, 1)
    .option('--workers <n>', 'worker threads (default: the number of cores)', parseCount, availableParallelism())
    .option('--exec-timeout <duration>', 'one execution longer than this is a hang finding', parseDuration, 2000)
    .option('--memory <mb>', 'heap limit per worker in MB; exceeding it is an oom finding', parseCount, 2048);
}

export interface CampaignRun {
  result: CampaignResult;
  report: FuzzReport;
  /** report.json, relative to the working directory. */
  reportPath: string;
  interrupted: boolean;
}

/** Runs a search with the status panel on stderr, writes its report.json. */
export async function runSearch(target: Target, flags: CampaignFlags, showStatus: boolean): Promise<CampaignRun> {
  const timeMs = flags.time ?? (flags.execs === undefined ? 30_000 : undefined);
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
    // Per constraint: reached or not, when first, median work of kept inputs satisfying it vs not.
    const report: FuzzReport & { constraints?: ConstraintStat[] } = result.constraints ? { ...built, constraints: result.constraints } : built;
    const reportPath = writeFuzzReport(process.cwd(), report);
    return { result, report, reportPath, interrupted: interrupt.wasRequested() };
  } finally {
    interrupt.dispose();
  }
}

/** The plain-text summary of a search. */
export function searchSummary(target: Target, { result, reportPath }: CampaignRun, preview: (v: unknown) => string): string[] {
  return [
    `${target.id}: ${result.execs} execs in ${formatDuration(result.elapsedMs)} (${Math.round(result.execsPerSec)}/s), ${result.kept.length} inputs kept${result.resumedFrom ? `, resumed from ${result.resumedFrom}` : ''}`,
    `best work ${result.bestWork}, slowest call ${result.bestTimeMs.toFixed(3)} ms, probes hit ${result.covered}/${result.probes}`,
    result.hangs || result.ooms ? `hangs ${result.hangs}, out of memory ${result.ooms} (inputs in ${result.corpusDir ?? 'the report'}/findings)` : '',
    ...Object.entries(result.errorGroups).map(([k, v]) => `threw ${v}×: ${k}`),
    `best input: ${preview(result.bestWorkInput)}`,
    result.bestTimeInput !== undefined && result.bestTimeInput !== result.bestWorkInput ? `slowest input: ${preview(result.bestTimeInput)}` : '',
    budgetWarning(target, result),
    regexLine(result),
    result.growth ? `fastest growth: ${JSON.stringify(result.growth.unit)} repeated, cost ∝ n^${result.growth.exponent.toFixed(2)}` : '',
    ...(result.constraints ?? []).map(describeConstraint),
    result.corpusDir ? `corpus: ${result.corpusDir}` : '',
    `report: ${reportPath}`,
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

function describeConstraint(c: ConstraintStat): string {
  const when = c.firstReachedMs === null ? 'not reached' : `reached at ${formatDuration(c.firstReachedMs)}, by ${c.inputsSatisfying}/${c.inputs} kept inputs`;
  const work = c.medianWorkSatisfying !== null ? `; median work ${c.medianWorkSatisfying} vs ${c.medianWorkOther ?? '—'} otherwise` : '';
  return `constraint ${c.id} (${c.location}: ${c.expr}): ${when}${work}`;
}
