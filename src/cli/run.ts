import path from 'node:path';
import type { Command } from 'commander';
import { OPTIONS } from '../core/options.js';
import { describePlan, planRun, searchTime, type RunPlan } from '../core/time-plan.js';
import { fitTiming } from '../measure/timing.js';
import { run } from '../pipeline/run.js';
import { ensureConstraintsAnnounced } from '../pipeline/synthesize.js';
import { readConstraintsFile } from '../constraints/format.js';
import { staleness } from '../constraints/ensure.js';
import { targetSources } from '../constraints/sources.js';
import { formatDuration } from '../report/status-line.js';
import { phaseTimes } from '../report/verify-summary.js';
import { loadTarget, type Target } from '../target/load.js';
import { searchFlags, searchOptions, searchSummary, withStatus, type CampaignFlags } from './campaign-run.js';
import { verifyFlags, verifyOptions, type VerifyFlags } from './verify.js';
import { preview } from './fuzz.js';
import { parsePositiveDuration } from './parse.js';

interface RunFlags extends VerifyFlags, Omit<CampaignFlags, 'mode' | 'corpus'> {
  constraints: boolean;
  verifyTime?: number;
}

/** What --time means for run: the whole of it (src/core/time-plan.ts has the rule). */
const RUN_TIME_HELP =
  'the whole run, what you wait for (e.g. 30s, 2m; default 30s unless only --execs is given): constraint synthesis when needed, the search, then verification, which gets 40% of it (see --verify-time)';

export function registerRun(program: Command): void {
  const cmd = verifyOptions(
    searchOptions(
      program
        .command('run')
        .description('search, verify the findings in isolation and write report.html, in one go')
        .argument('<target>', 'target id (targets/<id>.target.ts) or path to a target file')
        .option('--no-constraints', 'search without constraint probes, and skip synthesizing them (by default they are synthesized first when constraints/<id>.json is missing or stale)'),
    ),
  ).option('--verify-time <duration>', 'time of its own for verification, on top of --time (default: 40% of --time, within it)', parsePositiveDuration);
  // --time is the whole run here, not the search alone.
  const time = cmd.options.find((o) => o.long === '--time');
  if (time) time.description = RUN_TIME_HELP;
  const minTime = cmd.options.find((o) => o.long === '--min-time');
  if (minTime) minTime.defaultValueDescription = "fitted to verification's time, at most 1s";
  cmd.action(async (ref: string, flags: RunFlags, self: Command) => {
    const target = await loadTarget(ref);
    const started = Date.now();
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const plan = timePlan(flags);
    let synthMs: number | undefined;
    let tuned: { timeMs?: number; minTimeMs?: number } = {};
    if (plan) {
      // Synthesis first, so that the search gets what it leaves of --time.
      log(describePlan(plan, flags.constraints && needsSynthesis(target), formatDuration));
      if (flags.constraints && (await ensureConstraintsAnnounced(target, { root: process.cwd(), log })).synthesized) synthMs = Date.now() - started;
      // Verification's measuring time per input, fitted to its share (unless --min-time says otherwise).
      const minTimeMs = self.getOptionValueSource('minTime') === 'cli' ? undefined : fitTiming(plan.verifyMs, Math.max(1, flags.top) + Math.max(1, flags.baseline)).minTotalMs;
      tuned = { timeMs: searchTime(plan, Date.now() - started), ...(minTimeMs !== undefined ? { minTimeMs } : {}) };
      log(`search: ${formatDuration(tuned.timeMs!)} once the workers have loaded the target${minTimeMs !== undefined ? `; verification then measures each input for at least ${minTimeMs} ms` : ''}`);
    }
    // The pipeline's order lives in the library (pipeline/run.ts): here, flags in and text out.
    const result = await withStatus(`${target.id} (wedge)`, true, (o) =>
      run(target, { ...searchFlags({ ...flags, mode: 'wedge', corpus: true }), ...verifyFlags(flags), ...tuned, constraints: flags.constraints, ...o, log }),
    );
    const { search, verification, stopped } = result;
    if (stopped === 'interrupted') {
      process.stdout.write(`stopped before verification; report: ${search.reportPath}\n`);
      process.exitCode = 130;
      return;
    }
    if (stopped === 'report-not-written' || !verification) {
      // Verification writes into the report: with none on disk, say so and keep what the search found in view.
      process.stdout.write(`${searchSummary(target, search, preview).join('\n')}\n`);
      process.stderr.write(`wedge: could not write the report ${search.reportPath}: ${search.reportError}; verification needs it, so it did not run\n`);
      process.exitCode = 1;
      return;
    }
    // Synthesis ran before the pipeline (which then found the file fresh): its time is this run's.
    const shown = result.phases.map(([name, ms]): [string, number | undefined] => [name, name === 'constraints' ? (ms ?? synthMs) : ms]);
    const other = Date.now() - started - shown.reduce((s, [, ms]) => s + (ms ?? 0), 0);
    // Loading the target and checking constraints files: small, but part of what the user waited for.
    if (other >= 1000) shown.push(['other', other]);
    const planned = plan ? ` (planned: ${formatDuration(plan.totalMs + (plan.verifyOwnTime ? plan.verifyMs : 0))})` : '';
    process.stdout.write([...verification.summary, phaseTimes(shown, verification.verified) + planned, `report: ${path.relative(process.cwd(), verification.html)}`].join('\n') + '\n');
  });
}

/** The run's time plan; none when only --execs bounds the search. */
function timePlan(flags: RunFlags): RunPlan | undefined {
  if (flags.execs !== undefined && flags.time === undefined) return undefined;
  return planRun({ totalMs: flags.time ?? OPTIONS.time.default, ...(flags.verifyTime !== undefined ? { verifyMs: flags.verifyTime } : {}) });
}

/** Whether run will synthesize constraints first: constraints/<id>.json is missing or stale. */
function needsSynthesis(target: Target): boolean {
  try {
    const file = readConstraintsFile(process.cwd(), target.id);
    return !file || staleness(file, targetSources(target)) !== undefined;
  } catch {
    return false; // an invalid file: synthesis reports it
  }
}
