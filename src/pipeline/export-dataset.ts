import path from 'node:path';
import { defaultDatasetDir, exportDataset as writeDataset, type ExportDatasetResult } from '../export/dataset.js';

/** Options of {@link exportDataset}. Every field is optional; each says its default. */
export interface ExportDatasetOptions {
  /** Project root: `targets/`, `reports/` and `constraints/` are read under it. Default: `process.cwd()`. */
  root?: string;
  /** Target ids or files. Default: every `targets/*.target.*` under the root. */
  targets?: string[];
  /** Output folder (created), relative to the root. Default: `datasets/wedge-<yyyy-mm-dd>`. */
  out?: string;
  /** A target without a verified report is an error instead of a note. Default: false. */
  requireAll?: boolean;
  /** Dataset name in the card. Default: "Wedge slow inputs". */
  name?: string;
  /** Progress and notes, one line each. Default: none. */
  log?: (line: string) => void;
  /** Warnings (an unreadable report skipped). Default: printed to stderr. */
  warn?: (message: string) => void;
}

export type { ExportDatasetResult };

/**
 * The verified findings of every target (or the named ones) as a dataset in the Hugging Face
 * layout: Parquet, JSONL and a dataset card. A target without a verified report is skipped with
 * a note (an error with `requireAll`).
 */
export async function exportDataset(options: ExportDatasetOptions = {}): Promise<ExportDatasetResult> {
  const root = options.root ?? process.cwd();
  return writeDataset({
    root,
    targets: options.targets ?? [],
    out: path.resolve(root, options.out ?? defaultDatasetDir(root)),
    ...(options.requireAll !== undefined ? { requireAll: options.requireAll } : {}),
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.warn ? { warn: options.warn } : {}),
  });
}
