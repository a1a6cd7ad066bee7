import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFilesAtomic } from '../core/atomic-write.js';
import { latestVerifiedReport, type StoredReport } from '../report/report-file.js';
import { loadTarget, resolveTargetFile, type Target } from '../target/load.js';
import { datasetCard, type CardTarget } from './dataset-card.js';
import { replayConstraints } from './dataset-constraints.js';
import { datasetParquet } from './dataset-parquet.js';
import { datasetRecords } from './dataset-records.js';
import type { DatasetRecord } from './dataset-schema.js';
import { targetSourceInfo } from './dataset-source.js';
import { relativePosix } from '../core/posix-path.js';

export const DATASET_SPLIT = 'train';

export interface ExportDatasetOptions {
  /** Project root: targets/, reports/ and constraints/ are read under it. */
  root: string;
  /** Target ids or files; default every targets/*.target.{ts,js,mjs} under the root. */
  targets?: string[];
  /** Output folder (created). */
  out: string;
  /** A target without a verified report is an error instead of a note. */
  requireAll?: boolean;
  /** Progress and notes, one line each. */
  log?: (line: string) => void;
  warn?: (message: string) => void;
  /** Dataset name in the card. */
  name?: string;
}

export interface ExportDatasetResult {
  out: string;
  /** Relative to `out`. */
  files: { parquet: string; jsonl: string; card: string };
  rows: number;
  targets: { id: string; rows: number; report: string }[];
  skipped: { target: string; reason: string }[];
}

/** datasets/wedge-<yyyy-mm-dd> under the root. */
export function defaultDatasetDir(root: string, date = new Date()): string {
  return path.join(root, 'datasets', `wedge-${date.toISOString().slice(0, 10)}`);
}

/**
 * Exports the verified findings of the targets as a dataset in the Hugging Face layout:
 * data/<split>-00000-of-00001.parquet, data/<split>.jsonl (the same rows) and README.md (the card).
 * Everything is gathered and checked before anything is written, and the three files are
 * renamed into place together, so a failure leaves an earlier export in `out` as it was.
 */
export async function exportDataset(o: ExportDatasetOptions): Promise<ExportDatasetResult> {
  const log = o.log ?? (() => {});
  const warn = o.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const refs = o.targets?.length ? o.targets : listTargets(o.root);
  if (refs.length === 0) throw new Error(`no targets: ${relativePosix(o.root, path.join(o.root, 'targets'))}/ holds no *.target.ts file; name targets to export`);

  // First every target and its report, so --require-all fails before any replay runs.
  const found: { target: Target; file: string; report: StoredReport }[] = [];
  const skipped: ExportDatasetResult['skipped'] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const target = await loadTarget(resolveTargetFile(ref, o.root));
    if (seen.has(target.id)) continue;
    seen.add(target.id);
    const latest = latestVerifiedReport(o.root, target.id, warn);
    if (latest) {
      found.push({ target, ...latest });
      continue;
    }
    const reason = `no verified report under reports/${target.id}/ (run "wedge run ${target.id}", or "wedge verify ${target.id}" after a fuzz run)`;
    skipped.push({ target: target.id, reason });
  }
  if (o.requireAll && skipped.length) {
    throw new Error(`--require-all: ${skipped.length} target${skipped.length === 1 ? ' has' : 's have'} no verified report: ${skipped.map((s) => s.target).join(', ')}; nothing was written`);
  }
  if (found.length === 0) throw new Error('nothing to export: no target has a verified report (run "wedge run <target>" first); nothing was written');

  const records: DatasetRecord[] = [];
  const cardTargets: CardTarget[] = [];
  const done: ExportDatasetResult['targets'] = [];
  for (const { target, file, report } of found) {
    const reportPath = relativePosix(o.root, file);
    const verified = report.verified!;
    const { files, changed } = targetSourceInfo(target, o.root, verified.sources);
    for (const c of changed) warn(`${target.id}: ${c} changed since ${reportPath} was verified; the dataset keeps the code as measured`);
    log(`${target.id}: ${verified.findings.length} verified finding${verified.findings.length === 1 ? '' : 's'} in ${reportPath}; replaying them with the constraints`);
    const replay = await replayConstraints(target, o.root, verified.findings.map((f) => f.input), warn);
    verified.findings.forEach((f, i) => {
      // Work is exact: a different count on replay means the code is no longer what was measured.
      if (replay.work[i] !== undefined && replay.work[i] !== f.work && !f.error) {
        warn(`${target.id}: finding #${f.rank} does ${replay.work[i]} work now, ${f.work} when verified (the code changed since ${reportPath})`);
      }
    });
    const rows = datasetRecords({ target, report, reportPath, files, replay });
    records.push(...rows);
    done.push({ id: target.id, rows: rows.length, report: reportPath });
    const set = report.constraintSet;
    cardTargets.push({
      id: target.id,
      rows: rows.length,
      report: reportPath,
      mode: report.mode,
      seed: report.seed,
      budget: report.budget,
      constraints: set ? `${set.used.length || 'none kept'} (${set.synthesizer.kind}${set.synthesizer.model ? ` ${set.synthesizer.model}` : ''})` : 'none recorded',
    });
  }

  const files = {
    parquet: `data/${DATASET_SPLIT}-00000-of-00001.parquet`,
    jsonl: `data/${DATASET_SPLIT}.jsonl`,
    card: 'README.md',
  };
  const createdAt = new Date().toISOString();
  const card = datasetCard({
    name: o.name ?? 'Wedge slow inputs',
    license: projectLicense(o.root),
    split: DATASET_SPLIT,
    files,
    records,
    targets: cardTargets,
    skipped,
    createdAt,
  });
  const parquet = datasetParquet(records, { 'wedge.dataset': JSON.stringify({ version: 1, split: DATASET_SPLIT, createdAt }) });
  const jsonl = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFilesAtomic([
    { path: path.join(o.out, files.parquet), data: parquet },
    { path: path.join(o.out, files.jsonl), data: jsonl },
    { path: path.join(o.out, files.card), data: card },
  ]);
  return { out: o.out, files, rows: records.length, targets: done, skipped };
}

/** Every target file under root/targets/, by name. */
function listTargets(root: string): string[] {
  const dir = path.join(root, 'targets');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /\.target\.(m|c)?[jt]s$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

/** The license of the project (package.json), lower-cased as dataset cards spell SPDX ids. */
function projectLicense(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { license?: unknown };
    return typeof pkg.license === 'string' && /^[A-Za-z0-9.+-]+$/.test(pkg.license) ? pkg.license.toLowerCase() : 'other';
  } catch {
    return 'other';
  }
}
