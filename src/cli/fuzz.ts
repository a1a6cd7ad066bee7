import type { Command } from 'commander';
import { loadTarget } from '../target/load.js';
import { runSearch, searchOptions, searchSummary, type CampaignFlags } from './campaign-run.js';
import { parseMode } from './parse.js';
import { preview } from '../report/format.js';
import { reserveStdout } from './json-out.js';
import { coverageSummary, runCoverage } from '../coverage/run.js';
import { DEFAULT_REPORTERS } from './coverage.js';
import type { Target } from '../target/load.js';

interface FuzzFlags extends CampaignFlags {
  json?: boolean;
  constraints: boolean;
  coverage?: boolean;
}

export function registerFuzz(program: Command): void {
  searchOptions(
    program
      .command('fuzz')
      .description('search for inputs that maximize work; keeps them in corpora/<id>/ and writes reports/<id>/<run>/report.json')
      .argument('<target>', 'target id (targets/<id>.target.ts) or path to a target file'),
  )
    .option('--keep-errors', 'save the first input of each distinct error the target throws')
    .option('--mode <mode>', 'feedback: wedge (cost), coverage (new probes only) or random (sampling only)', parseMode(['wedge', 'coverage', 'random'] as const), 'wedge')
    .option('--no-corpus', 'neither read nor write corpora/<id>/')
    .option('--no-constraints', 'do not instrument constraints/<id>.json (used when present)')
    .option('--json', 'print the summary as JSON')
    .option('--coverage', 'then replay the corpus under istanbul, as `wedge coverage` does (coverage/<id>/)')
    .action(async (ref: string, flags: FuzzFlags) => {
      const json = flags.json ? reserveStdout() : undefined;
      const target = await loadTarget(ref);
      const warn = (m: string) => process.stderr.write(`warning: ${m}\n`);
      const run = await runSearch(target, flags, !flags.json);
      const { result, report, reportPath, reportError } = run;
      if (json) {
        const saving = { ...(reportError !== undefined ? { reportError } : {}), ...(result.unsaved ? { unsaved: result.unsaved } : {}) };
        json(JSON.stringify({ report: reportPath, corpus: result.corpusDir, ...saving, ...report, ...boundedFaults(report), top: report.top.slice(0, 3) }, null, 1) + '\n');
      } else {
        process.stdout.write(searchSummary(target, run, preview).join('\n') + '\n');
      }
      if (reportError !== undefined) process.stderr.write(`wedge: could not write the report ${reportPath}: ${reportError}\n`);
      if (flags.coverage && !run.interrupted) await coverageAfterSearch(target, result.corpusDir, flags.execTimeout, !!json, warn);
      if (run.interrupted) process.exitCode = 130;
      else if (reportError !== undefined) process.exitCode = 1;
    });
}

export { preview };

/**
 * `--coverage`: the corpus the search just kept, replayed as `wedge coverage` would. Its lines go
 * to stderr under --json, whose stdout is the JSON alone; a failure here fails the command.
 */
async function coverageAfterSearch(target: Target, corpus: string | undefined, execTimeoutMs: number, json: boolean, warn: (m: string) => void): Promise<void> {
  if (!corpus) {
    warn('--coverage needs the corpus, and --no-corpus keeps none: no coverage written');
    return;
  }
  try {
    const run = await runCoverage(target, { corpus, reporters: DEFAULT_REPORTERS, execTimeoutMs }, warn);
    (json ? process.stderr : process.stdout).write(coverageSummary(run, DEFAULT_REPORTERS).join('\n') + '\n');
  } catch (e) {
    process.stderr.write(`wedge: coverage: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

/**
 * In the printed summary: the most frequent error groups and the first error findings, every
 * hang and OOM (report.json holds all): a target whose errors quote the input makes thousands.
 */
function boundedFaults(report: { errorGroups: Record<string, number>; findings: { kind: string }[] }, max = 20) {
  const groups = Object.entries(report.errorGroups).sort((a, b) => b[1] - a[1]);
  const errors = report.findings.filter((f) => f.kind === 'error');
  const shown = new Set(errors.slice(0, max));
  return {
    errorGroups: Object.fromEntries(groups.slice(0, max)),
    ...(groups.length > max ? { errorGroupsLeftOut: groups.length - max } : {}),
    findings: report.findings.filter((f) => f.kind !== 'error' || shown.has(f)),
    ...(errors.length > max ? { errorFindingsLeftOut: errors.length - max } : {}),
  };
}
