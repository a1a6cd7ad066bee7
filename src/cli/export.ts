import path from 'node:path';
import type { Command } from 'commander';
import { exportTests, exportTestsCommand } from '../pipeline/export-tests.js';
import { FRAMEWORKS, type Framework } from '../export/test-suite.js';
import { loadTarget } from '../target/load.js';
import { OPTIONS } from '../core/options.js';
import { registerExportDataset } from './export-dataset.js';
import { optionWithDefault, parseCount, parseFactor, parseMode, parsePercent } from './parse.js';

interface ExportTestsFlags {
  framework: Framework;
  out?: string;
  tolerance: number;
  timeFactor?: number;
  top: number;
  importFrom?: string;
}

/** `wedge export ...`: findings turned into artifacts other tools use. */
export function registerExport(program: Command): void {
  const group = program.command('export').description('turn findings into performance tests or a dataset');
  registerExportTests(group);
  registerExportDataset(group);
}

function registerExportTests(group: Command): void {
  group
    .command('tests')
    .description('write a test file that replays the findings of a target and checks their work stays within budget')
    .argument('<target>', 'target id or path to a target file')
    .requiredOption('--framework <name>', `test framework: ${FRAMEWORKS.join(', ')}`, parseMode(FRAMEWORKS))
    .option('--out <file>', 'the test file to write (default: test/perf/<id>.perf.test.ts, .mjs for a JavaScript target)')
    .addOption(optionWithDefault('--tolerance <percent>', 'budget = recorded work + this much', parsePercent, OPTIONS.tolerance.default, `${OPTIONS.tolerance.default}%`))
    .option('--time-factor <f>', 'also check each finding\'s median wall time is at most f × the median measured now', parseFactor)
    .option('--top <n>', 'how many findings become tests', parseCount, OPTIONS.exportTop.default)
    .option('--import-from <specifier>', 'where the file imports Wedge from (default: "wedge"; a relative path inside Wedge\'s own repository)')
    .action(async (ref: string, flags: ExportTestsFlags) => {
      const target = await loadTarget(ref);
      const options = {
        framework: flags.framework,
        ...(flags.out !== undefined ? { out: flags.out } : {}),
        tolerancePercent: flags.tolerance,
        ...(flags.timeFactor !== undefined ? { timeFactor: flags.timeFactor } : {}),
        top: flags.top,
        ...(flags.importFrom !== undefined ? { importFrom: flags.importFrom } : {}),
      };
      const r = await exportTests(target, {
        ...options,
        // The header names the command as typed, with the target as the user wrote it.
        command: exportTestsCommand(ref, options),
        warn: (m) => process.stderr.write(`warning: ${m}\n`),
      });
      const file = path.relative(process.cwd(), r.file);
      process.stdout.write([
        `wrote ${file}: ${r.tests} test${r.tests === 1 ? '' : 's'} for ${target.id}, findings from ${r.from}`,
        ...r.notes.map((n) => `note: ${n}`),
        `run it: ${runCommand(flags.framework, file)}`,
      ].join('\n') + '\n');
    });
}

function runCommand(framework: Framework, file: string): string {
  if (framework === 'ava') return `npx ava ${file}`;
  // Vitest runs a TypeScript test file itself, but the target is loaded by Wedge, outside it.
  if (framework === 'vitest') return `${/\.[cm]?ts$/.test(file) ? 'NODE_OPTIONS=--import=tsx ' : ''}npx vitest run ${file}`;
  return /\.[cm]?ts$/.test(file) ? `node --import tsx --test ${file}` : `node --test ${file}`;
}
