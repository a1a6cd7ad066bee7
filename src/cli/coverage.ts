import { InvalidArgumentError, type Command } from 'commander';
import { loadTarget } from '../target/load.js';
import { coverageSummary, runCoverage } from '../coverage/run.js';
import { REPORTERS, type Reporter } from '../coverage/report.js';
import { execTimeoutOption, MIN_EXEC_TIMEOUT_MS, optionWithDefault } from './parse.js';

export const DEFAULT_REPORTERS: Reporter[] = ['lcov', 'html', 'text-summary'];

export function parseReporters(text: string): Reporter[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(REPORTERS as readonly string[]).includes(n));
  if (bad.length || names.length === 0) throw new InvalidArgumentError(`unknown reporter ${bad.join(', ') || '(none)'}; one or more of ${REPORTERS.join(', ')}`);
  return names as Reporter[];
}

interface CoverageFlags {
  corpus?: string;
  out?: string;
  reporter: Reporter[];
  execTimeout: number;
}

export function registerCoverage(program: Command): void {
  program
    .command('coverage')
    .description('replay the corpus through the target instrumented by istanbul; writes coverage/<id>/lcov.info and index.html')
    .argument('<target>', 'target id (targets/<id>.target.ts) or path to a target file')
    .option('--corpus <dir>', 'the corpus folder (default corpora/<id>)')
    .option('--out <dir>', 'where the reports go (default coverage/<id>)')
    .addOption(optionWithDefault('--reporter <list>', 'istanbul reporters, comma-separated', parseReporters, DEFAULT_REPORTERS, DEFAULT_REPORTERS.join(',')))
    .addOption(execTimeoutOption(`an input running longer is left out (at least ${MIN_EXEC_TIMEOUT_MS}ms)`))
    .action(async (ref: string, flags: CoverageFlags) => {
      const target = await loadTarget(ref);
      const warn = (m: string) => process.stderr.write(`warning: ${m}\n`);
      const run = await runCoverage(target, { corpus: flags.corpus, out: flags.out, reporters: flags.reporter, execTimeoutMs: flags.execTimeout }, warn);
      process.stdout.write(coverageSummary(run, flags.reporter).join('\n') + '\n');
    });
}
