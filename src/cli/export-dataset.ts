import path from 'node:path';
import type { Command } from 'commander';
import { defaultDatasetDir } from '../export/dataset.js';
import { exportDataset } from '../pipeline/export-dataset.js';
import { relativePosix } from '../core/posix-path.js';

export interface ExportDatasetFlags {
  out?: string;
  requireAll?: boolean;
}

/** Adds `wedge export dataset` to the `export` command group. */
export function registerExportDataset(group: Command): void {
  group
    .command('dataset')
    .description('write the verified findings of every target (or the named ones) as a dataset in the Hugging Face layout: Parquet, JSONL and a README.md dataset card')
    .argument('[targets...]', 'target ids or target files (default: every targets/*.target.ts)')
    .option('--out <dir>', 'output folder (default: datasets/wedge-<date>)')
    .option('--require-all', 'fail when a target has no verified report, instead of skipping it with a note')
    .action(async (refs: string[], flags: ExportDatasetFlags) => {
      const root = process.cwd();
      const out = path.resolve(flags.out ?? defaultDatasetDir(root));
      const result = await exportDataset({
        root,
        targets: refs,
        out,
        requireAll: flags.requireAll,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      const where = relativePosix(root, out) || '.';
      const width = Math.max(...result.targets.map((t) => t.id.length));
      process.stdout.write(
        [
          ...result.targets.map((t) => `${t.id.padEnd(width)}  ${String(t.rows).padStart(4)} rows  ${t.report}`),
          ...result.skipped.map((s) => `skipped ${s.target}: ${s.reason}`),
          `${result.rows} rows from ${result.targets.length} target${result.targets.length === 1 ? '' : 's'}${result.skipped.length ? ` (${result.skipped.length} skipped)` : ''}`,
          ...Object.values(result.files).map((f) => `wrote ${path.posix.join(where, f)}`),
        ].join('\n') + '\n',
      );
    });
}
