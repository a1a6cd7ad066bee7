import type { Command } from 'commander';
import type { CampaignResult } from '../fuzz/campaign-types.js';
import type { SearchMode } from '../fuzz/engine-types.js';
import { fuzz, type FuzzOptions, type FuzzResult } from '../pipeline/fuzz.js';
import type { Phase } from '../pipeline/run.js';
import { formatDuration, statusPrinter } from '../report/status-line.js';
import type { Target } from '../target/load.js';
import { onInterrupt } from './interrupt.js';
import { MIN_EXEC_TIMEOUT_MS, MIN_MEMORY_MB, WORKERS_PER_CORE, execTimeoutOption, memoryOption, parseCount, parsePositiveCount, parsePositiveDuration, workersOption } from './parse.js';
import type { ConstraintStat } from '../fuzz/constraint-stats.js';
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
}

/** Options every searching command takes. */
export function searchOptions(cmd: Command): Command {
  return cmd
    .option('--time <duration>', 'how long to search (e.g. 30s, 2m; default 30s without --execs, none with it)', parsePositiveDuration)
    .option('--execs <n>', 'stop after n executions; with one worker and --seed the result is reproducible', parsePositiveCount)
    .option('--seed <n>', 'random seed', parseCount, OPTIONS.seed.default)
    .addOption(workersOption(`worker threads, 1 to ${WORKERS_PER_CORE} per core`))
    .addOption(execTimeoutOption(`one execution longer than this is a hang finding (at least ${MIN_EXEC_TIMEOUT_MS}ms)`))
    .addOption(memoryOption(`heap limit per worker in MB, at least ${MIN_MEMORY_MB}; exceeding it is an oom finding`));
}

/** The search flags as the library's options. */
export function searchFlags(flags: CampaignFlags): FuzzOptions {
  return {
    ...(flags.time !== undefined ? { timeMs: flags.time } : {}),
    ...(flags.execs !== undefined ? { execs: flags.execs } : {}),
    seed: flags.seed,
    workers: flags.workers,
    execTimeoutMs: flags.execTimeout,
    memoryMb: flags.memory,
    keepErrors: flags.keepErrors ?? false,
    mode: flags.mode,
    corpus: flags.corpus,
  };
}

export type CampaignRun = FuzzResult;

/** What withStatus hands the command: the status panel, the stop signal, and the phase hook that arms Ctrl-C. */
export interface StatusHooks extends Pick<FuzzOptions, 'onStatus' | 'signal' | 'log'> {
  onPhase: (phase: Phase, state: 'start' | 'end') => void;
}

/**
 * The status panel on stderr, and Ctrl-C as "stop the search and report what it found" while the
 * search phase runs (`onPhase`); before and after it, Ctrl-C quits at once as in any command.
 */
export async function withStatus<T>(title: string, showStatus: boolean, command: (o: StatusHooks) => Promise<T>): Promise<T> {
  const printer = statusPrinter(title);
  const abort = new AbortController();
  let interrupt: ReturnType<typeof onInterrupt> | undefined;
  const disarm = () => {
    interrupt?.dispose();
    interrupt = undefined;
  };
  try {
    return await command({
      ...(showStatus ? { onStatus: (s) => printer.update(s), log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
      signal: abort.signal,
      onPhase: (phase, state) => {
        if (phase !== 'search') return;
        if (state === 'end') return disarm();
        interrupt ??= onInterrupt();
        void interrupt.requested.then(() => abort.abort());
      },
    });
  } finally {
    printer.end();
    disarm();
  }
}

/** Runs a search with the status panel on stderr; writes its report.json. */
export async function runSearch(target: Target, flags: CampaignFlags & { constraints: boolean }, showStatus: boolean): Promise<CampaignRun> {
  return withStatus(`${target.id} (${flags.mode})`, showStatus, async ({ onPhase, ...o }) => {
    onPhase('search', 'start');
    try {
      return await fuzz(target, { ...searchFlags(flags), constraints: flags.constraints, ...o });
    } finally {
      onPhase('search', 'end');
    }
  });
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
  const attacked = v.filter((x) => x.reached !== undefined);
  const reached = attacked.filter((x) => x.reached).length;
  const reach = attacked.length > 0 ? `; the search ran ${reached} of the ${attacked.length} it had an attack for` : '';
  return `regexes: ${v.length} compiled by the target, ${vulnerable} vulnerable by recheck${reach} (listed in the report)`;
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
