import path from 'node:path';
import type { Command } from 'commander';
import { run } from '../pipeline/run.js';
import { phaseTimes } from '../report/verify-summary.js';
import { loadTarget } from '../target/load.js';
import { searchFlags, searchOptions, searchSummary, withStatus, type CampaignFlags } from './campaign-run.js';
import { verifyFlags, verifyOptions, type VerifyFlags } from './verify.js';
import { preview } from './fuzz.js';

interface RunFlags extends VerifyFlags, Omit<CampaignFlags, 'mode' | 'corpus'> {
  constraints: boolean;
}

export function registerRun(program: Command): void {
  verifyOptions(
    searchOptions(
      program
        .command('run')
        .description('search, verify the findings in isolation and write report.html, in one go')
        .argument('<target>', 'target id (targets/<id>.target.ts) or path to a target file')
        .option('--no-constraints', 'search without constraint probes, and skip synthesizing them (by default they are synthesized first when constraints/<id>.json is missing or stale)'),
    ),
  ).action(async (ref: string, flags: RunFlags) => {
    const target = await loadTarget(ref);
    const started = Date.now();
    const log = (line: string) => process.stderr.write(`${line}\n`);
    // The pipeline's order lives in the library (pipeline/run.ts): here, flags in and text out.
    const { search, verification, stopped, phases } = await withStatus(`${target.id} (wedge)`, true, (o) =>
      run(target, { ...searchFlags({ ...flags, mode: 'wedge', corpus: true }), ...verifyFlags(flags), constraints: flags.constraints, ...o, log }),
    );
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
    const shown: [string, number | undefined][] = [...phases];
    const other = Date.now() - started - shown.reduce((s, [, ms]) => s + (ms ?? 0), 0);
    // Loading the target and checking constraints files: small, but part of what the user waited for.
    if (other >= 1000) shown.push(['other', other]);
    process.stdout.write([...verification.summary, phaseTimes(shown, verification.verified), `report: ${path.relative(process.cwd(), verification.html)}`].join('\n') + '\n');
  });
}
