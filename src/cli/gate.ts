import path from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../core/atomic-write.js';
import { DEFAULT_BASELINE } from '../export/baseline.js';
import { bencherJson, benchPoints, githubBenchmarkJson } from '../export/bench-formats.js';
import { gate as runGate, type GateSearchOptions } from '../pipeline/gate.js';
import { gateSummary, gateTable } from '../export/gate-table.js';
import { statusPrinter } from '../report/status-line.js';
import { OPTIONS } from '../core/options.js';
import { execTimeoutOption, memoryOption, optionWithDefault, parseCount, parsePercent, parsePositiveCount, parsePositiveDuration, workersOption } from './parse.js';

interface GateFlags {
  update?: boolean;
  threshold: number;
  baseline: string;
  top: number;
  fuzz?: number;
  fuzzExecs?: number;
  seed: number;
  workers: number;
  execTimeout: number;
  memory: number;
  benchJson?: string;
  bencherJson?: string;
}

/** Exit codes: 0 passed (or baseline updated), 1 a regression, 2 a usage or input error. */
export function registerGate(program: Command): void {
  program
    .command('gate')
    .description('replay every finding and compare its work with the committed baseline; exits 1 on a regression')
    .argument('[targets...]', 'target ids or target files (default: every target in the baseline)')
    .option('--update', 'measure now and rewrite the baseline (its inputs, the targets\' current findings, the --fuzz best)')
    .addOption(optionWithDefault('--threshold <percent>', 'a finding fails when its work grows by more than this (a target\'s "thresholdPercent" in the baseline overrides it)', parsePercent, OPTIONS.threshold.default, `${OPTIONS.threshold.default}%`))
    .option('--baseline <file>', 'the baseline file', DEFAULT_BASELINE)
    .option('--top <n>', 'with --update: findings kept per target, highest work first', parseCount, OPTIONS.gateTop.default)
    .option('--fuzz <duration>', 'also search this long (e.g. 30s) and fail when an input beats the baseline\'s worst by more than the threshold', parsePositiveDuration)
    .option('--fuzz-execs <n>', 'like --fuzz, bounded by executions: with --workers 1 the search is the same on every run', parsePositiveCount)
    .option('--seed <n>', 'seed of the --fuzz search', parseCount, OPTIONS.seed.default)
    .addOption(workersOption('worker threads of the --fuzz search'))
    .addOption(execTimeoutOption('in the --fuzz search, one execution longer than this is a hang (which fails the gate)'))
    .addOption(memoryOption('heap limit per --fuzz worker in MB; exceeding it fails the gate'))
    .option('--bench-json <file>', 'write github-action-benchmark JSON (tool: customSmallerIsBetter)')
    .option('--bencher-json <file>', 'write Bencher Metric Format JSON (measure: work)')
    // A usage error is not a regression: CI must be able to tell them apart.
    .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2))
    .action(async (refs: string[], flags: GateFlags) => {
      try {
        process.exitCode = await gate(refs, flags);
      } catch (e) {
        process.stderr.write(`wedge gate: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 2;
      }
    });
}

async function gate(refs: string[], flags: GateFlags): Promise<number> {
  if (flags.fuzz !== undefined && flags.fuzzExecs !== undefined) throw new Error('give --fuzz or --fuzz-execs, not both');
  const searching = flags.fuzz !== undefined || flags.fuzzExecs !== undefined;
  const fuzz: GateSearchOptions | undefined = searching
    ? {
        ...(flags.fuzz !== undefined ? { timeMs: flags.fuzz } : {}),
        ...(flags.fuzzExecs !== undefined ? { execs: flags.fuzzExecs } : {}),
        seed: flags.seed,
        workers: flags.workers,
        execTimeoutMs: flags.execTimeout,
        memoryMb: flags.memory,
        onStatus: (id) => {
          const printer = statusPrinter(`${id} (gate search)`);
          return (s) => printer.update(s);
        },
      }
    : undefined;
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const result = await runGate(refs, {
    baselineFile: flags.baseline,
    thresholdPercent: flags.threshold,
    update: flags.update === true,
    top: flags.top,
    ...(fuzz ? { fuzz } : {}),
    warn: (m) => log(`warning: ${m}`),
    progress: log,
  });
  const points = benchPoints(result.rows);
  const written: string[] = [];
  if (flags.benchJson) {
    writeFileAtomic(path.resolve(flags.benchJson), JSON.stringify(githubBenchmarkJson(points), null, 1) + '\n');
    written.push(`github-action-benchmark JSON: ${flags.benchJson}`);
  }
  if (flags.bencherJson) {
    writeFileAtomic(path.resolve(flags.bencherJson), JSON.stringify(bencherJson(points), null, 1) + '\n');
    written.push(`Bencher JSON: ${flags.bencherJson}`);
  }
  process.stdout.write([...gateTable(result.rows), '', gateSummary(result.rows, result.thresholds, result.updated), ...written].join('\n') + '\n');
  return result.failed ? 1 : 0;
}
