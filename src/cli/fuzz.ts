import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { runCampaign } from '../fuzz/campaign.js';
import type { SearchMode } from '../fuzz/engine.js';
import { buildFuzzReport, runId, writeFuzzReport } from '../report/fuzz-report.js';
import { formatDuration, statusPrinter } from '../report/status-line.js';
import { loadTarget } from '../target/load.js';
import { parseCount, parseDuration, parseMode } from './parse.js';
import { onInterrupt } from './interrupt.js';

interface FuzzFlags {
  workers: number;
  execTimeout: number;
  memory: number;
  keepErrors?: boolean;
  time?: number;
  execs?: number;
  seed: number;
  json?: boolean;
  mode: SearchMode;
  corpus: boolean;
}

export function registerFuzz(program: Command): void {
  program
    .command('fuzz')
    .description('search for inputs that maximize work; keeps them in corpora/<id>/ and writes reports/<id>/<run>/report.json')
    .argument('<target>', 'target id (targets/<id>.target.ts) or path to a target file')
    .option('--time <duration>', 'how long to search (e.g. 30s, 2m); default 30s unless --execs is given', parseDuration)
    .option('--execs <n>', 'stop after n executions; with one worker and --seed the result is reproducible', parseCount)
    .option('--seed <n>', 'random seed', parseCount, 1)
    .option('--workers <n>', 'worker threads (default: the number of cores)', parseCount, availableParallelism())
    .option('--exec-timeout <duration>', 'one execution longer than this is a hang finding', parseDuration, 2000)
    .option('--memory <mb>', 'heap limit per worker in MB; exceeding it is an oom finding', parseCount, 2048)
    .option('--keep-errors', 'save the first input of each distinct error the target throws')
    .option('--mode <mode>', 'feedback: wedge (cost), coverage (new probes only) or random (sampling only)', parseMode(['wedge', 'coverage', 'random'] as const), 'wedge')
    .option('--no-corpus', 'neither read nor write corpora/<id>/')
    .option('--json', 'print the summary as JSON')
    .action(async (ref: string, flags: FuzzFlags) => {
      const target = await loadTarget(ref);
      const timeMs = flags.time ?? (flags.execs === undefined ? 30_000 : undefined);
      const startedAt = new Date();
      const printer = statusPrinter(`${target.id} (${flags.mode})`);
      const interrupt = onInterrupt();
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
        onStatus: flags.json ? undefined : (s) => printer.update(s),
        stop: interrupt.requested,
      });
      printer.end();
      interrupt.dispose();
      const report = buildFuzzReport(result, { target: target.id, run: runId(startedAt), startedAt: startedAt.toISOString(), mode: flags.mode, seed: flags.seed });
      const reportPath = writeFuzzReport(process.cwd(), report);
      if (flags.json) {
        process.stdout.write(JSON.stringify({ report: reportPath, corpus: result.corpusDir, ...report, top: report.top.slice(0, 3) }, null, 1) + '\n');
      } else {
        const out = [
          `${target.id}: ${result.execs} execs in ${formatDuration(result.elapsedMs)} (${Math.round(result.execsPerSec)}/s), ${result.kept.length} inputs kept${result.resumedFrom ? `, resumed from ${result.resumedFrom}` : ''}`,
          `best work ${result.bestWork}, slowest call ${result.bestTimeMs.toFixed(3)} ms, probes hit ${result.covered}/${result.probes}`,
          result.hangs || result.ooms ? `hangs ${result.hangs}, out of memory ${result.ooms} (inputs in ${result.corpusDir ?? 'the report'}/findings)` : '',
          ...Object.entries(result.errorGroups).map(([k, v]) => `threw ${v}×: ${k}`),
          `best input: ${preview(result.bestWorkInput)}`,
          result.corpusDir ? `corpus: ${result.corpusDir}` : '',
          `report: ${reportPath}`,
        ];
        process.stdout.write(out.filter(Boolean).join('\n') + '\n');
      }
      if (interrupt.wasRequested()) process.exitCode = 130;
    });
}

export function preview(value: unknown, max = 160): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
}
