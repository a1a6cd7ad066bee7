import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { execInputs } from '../fuzz/spawn.js';
import { median } from '../core/stats.js';
import { loadTarget } from '../target/load.js';
import { execTimeoutOption, parseCount, MIN_EXEC_TIMEOUT_MS } from './parse.js';
import { reserveStdout } from './json-out.js';
import { checkExecInput } from '../target/check-input.js';

interface ExecFlags {
  input: string;
  repeats: number;
  json?: boolean;
  lines: number;
  execTimeout: number;
}

/** A corpus file carries the input under "input"; any other JSON file is the input itself. */
export function readInputFile(file: string): { input: unknown; recordedWork?: number } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: cannot read a JSON input (${(e as Error).message})`);
  }
  const d = data as { version?: unknown; hash?: unknown; input?: unknown; work?: unknown };
  if (d && typeof d === 'object' && d.version === 1 && typeof d.hash === 'string' && 'input' in d) {
    return { input: d.input, recordedWork: typeof d.work === 'number' ? d.work : undefined };
  }
  return { input: data };
}

export function registerExec(program: Command): void {
  program
    .command('exec')
    .description('run one input through the instrumented target: work, time and the hottest lines')
    .argument('<target>', 'target id or path to a target file')
    .requiredOption('--input <file>', 'a corpus file (corpora/<id>/<hash>.json) or a JSON file holding the input')
    .option('--repeats <n>', 'timed repetitions', parseCount, 15)
    .option('--lines <n>', 'how many hot lines to show', parseCount, 8)
    .addOption(execTimeoutOption(`one execution longer than this stops the command (at least ${MIN_EXEC_TIMEOUT_MS}ms)`))
    .option('--json', 'print the result as JSON')
    .action(async (ref: string, flags: ExecFlags) => {
      const json = flags.json ? reserveStdout() : undefined;
      const target = await loadTarget(ref);
      const { input, recordedWork } = readInputFile(flags.input);
      checkExecInput(target, input, flags.input);
      const [r] = await execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs: [input], repeats: Math.max(1, flags.repeats) }, flags.execTimeout);
      const report = r!;
      const timeMs = median(report.timesMs);
      const hot = report.lines.slice(0, flags.lines);
      if (json) {
        json(JSON.stringify({ target: target.id, work: report.work, recordedWork, timeMs, repeats: report.timesMs.length, error: report.error, hotLines: hot }, null, 1) + '\n');
        return;
      }
      const sources = new Map<string, string[]>();
      const lineText = (file: string, line: number) => {
        if (!sources.has(file)) {
          try {
            sources.set(file, readFileSync(path.resolve(file), 'utf8').split('\n'));
          } catch {
            sources.set(file, []);
          }
        }
        return (sources.get(file)![line - 1] ?? '').trim();
      };
      const out = [
        `${target.id}: work ${report.work}${recordedWork !== undefined ? ` (recorded ${recordedWork}${recordedWork === report.work ? ', same' : ', DIFFERENT'})` : ''}, time ${timeMs.toFixed(3)} ms (median of ${report.timesMs.length})`,
        report.error ? `the target threw: ${report.error.split('\n')[0]}` : '',
        'hottest lines:',
        ...hot.map((h) => `  ${String(h.hits).padStart(10)}  ${h.file}:${h.line}  ${lineText(h.file, h.line)}`),
      ];
      process.stdout.write(out.filter(Boolean).join('\n') + '\n');
    });
}
