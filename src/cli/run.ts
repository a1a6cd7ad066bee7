import path from 'node:path';
import type { Command } from 'commander';
import { run } from '../pipeline/run.js';
import { formatDuration } from '../report/status-line.js';
import { phaseTimes } from '../report/verify-summary.js';
import { loadTarget } from '../target/load.js';
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
    // The time plan, synthesis included, is the pipeline's (pipeline/run.ts): here, flags in and text out.
    const result = await withStatus(`${target.id} (wedge)`, true, (o) =>
      run(target, {
        ...searchFlags({ ...flags, mode: 'wedge', corpus: true }),
        ...verifyFlags(flags, self.getOptionValueSource('minTime') === 'cli'),
        ...(flags.verifyTime !== undefined ? { verifyTimeMs: flags.verifyTime } : {}),
        constraints: flags.constraints,
        ...o,
        log,
      }),
    );
    const { search, verification, stopped, plan } = result;
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
    const shown: [string, number | undefined][] = [...result.phases];
    const other = Date.now() - started - shown.reduce((s, [, ms]) => s + (ms ?? 0), 0);
    // Loading the target and checking constraints files: small, but part of what the user waited for.
    if (other >= 1000) shown.push(['other', other]);
    const planned = plan ? ` (planned: ${formatDuration(plan.totalMs + (plan.verifyOwnTime ? plan.verifyMs : 0))})` : '';
    process.stdout.write([...verification.summary, phaseTimes(shown, verification.verified) + planned, `report: ${path.relative(process.cwd(), verification.html)}`].join('\n') + '\n');
  });
}
