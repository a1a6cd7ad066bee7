import { inputHash } from '../fuzz/corpus.js';
import type { StoredReport } from '../report/report-file.js';
import type { Replayed } from './dataset-constraints.js';
import type { DatasetRecord } from './dataset-schema.js';
import { primarySource, type SourceInfo } from './dataset-source.js';

export interface RecordSources {
  target: { id: string; description: string; maxSize: number };
  /** The verified report and its path relative to the project root. */
  report: StoredReport;
  reportPath: string;
  files: SourceInfo[];
  /** Constraint replay of the verified findings' inputs, in the order of `report.verified.findings`. */
  replay: Replayed;
}

/**
 * One record per verified finding of a report. Every figure is copied from the report's
 * `verified` section (measured in a fresh process), never recomputed here; only the constraints
 * satisfied come from the replay.
 */
export function datasetRecords(s: RecordSources): DatasetRecord[] {
  const v = s.report.verified;
  if (!v) throw new Error(`${s.reportPath}: has no verified section (run "wedge verify ${s.target.id}")`);
  const source = primarySource(s.files);
  if (!source) throw new Error(`${s.target.id}: no instrumented source file found`);
  const set = s.report.constraintSet;
  const llmModel = set?.synthesizer.kind === 'llm' ? (set.synthesizer.model ?? null) : (set?.used.find((c) => c.origin === 'llm')?.model ?? null);
  const run = {
    report: s.reportPath,
    run: s.report.run,
    startedAt: s.report.startedAt,
    mode: s.report.mode,
    seed: s.report.seed,
    workers: s.report.workers ?? null,
    // Reports written before budgets were recorded leave it out: null, not a guess.
    budget: s.report.budget ?? null,
    durationMs: s.report.durationMs,
    execs: s.report.execs,
    constraints: set ?? null,
  };
  const sourceFiles = JSON.stringify(s.files.map(({ code: _code, ...rest }) => rest));
  const seen = new Set<string>();
  const out: DatasetRecord[] = [];
  v.findings.forEach((finding, i) => {
    const taskId = `${s.target.id}/${inputHash(finding.input)}`;
    if (seen.has(taskId)) return;
    seen.add(taskId);
    const baseline = v.baselines[finding.baseline];
    if (!baseline) throw new Error(`${s.reportPath}: finding #${finding.rank} names baseline ${finding.baseline}, which the report lacks`);
    const generation = {
      ...run,
      verification: {
        verifiedAt: v.verifiedAt,
        method: v.method,
        baseline: { requestedSize: baseline.requestedSize, sizes: baseline.sizes, count: baseline.count, exact: baseline.exact },
        minimization: finding.minimized ? { kept: finding.minimized.kept, executions: finding.minimized.executions, work: finding.minimized.work, steps: finding.minimized.steps } : null,
      },
      constraintsChecked: s.replay.file ?? null,
    };
    out.push({
      task_id: taskId,
      target: s.target.id,
      target_description: s.target.description,
      source_path: source.path,
      source_export: source.exports.length ? source.exports.join(', ') : null,
      source_code: source.code,
      source_package: source.package ?? null,
      source_package_version: source.version ?? null,
      source_files: sourceFiles,
      input: JSON.stringify(finding.input),
      input_minimized: finding.minimized ? JSON.stringify(finding.minimized.input) : null,
      size: finding.size,
      max_size: s.target.maxSize,
      work: finding.work,
      typical_work: baseline.work.median,
      work_ratio: finite(finding.workRatio),
      time_ms_median: finding.timeMs.median,
      time_ms_q1: finding.timeMs.q1,
      time_ms_q3: finding.timeMs.q3,
      time_ms_iqr: finding.timeMs.iqr,
      time_runs: finding.timeMs.n,
      calls_per_run: finding.timeMs.callsPerRun,
      typical_time_ms_median: baseline.timeMs.median,
      typical_time_ms_iqr: baseline.timeMs.iqr,
      baseline_inputs: baseline.count,
      baseline_exact_size: baseline.exact,
      slowdown: finite(finding.slowdown.ratio),
      slowdown_low: finite(finding.slowdown.low),
      slowdown_high: finite(finding.slowdown.high),
      bound: finding.bound,
      rank: finding.rank,
      instructions: finite(finding.instructions),
      error: finding.error ?? null,
      constraints_checked: s.replay.checked.length,
      constraints_satisfied: s.replay.satisfied[i] ?? [],
      generation_mode: s.report.mode,
      generation_seed: s.report.seed,
      llm_model: llmModel,
      llm_cache_keys: set?.synthesizer.cacheKeys ?? [],
      generation: JSON.stringify(generation),
      env_node: v.environment.node,
      env_v8: v.environment.v8,
      env_cpu: v.environment.cpu,
      env_cores: v.environment.cores,
      env_platform: v.environment.platform,
    });
  });
  return out;
}

/** JSON has no Infinity or NaN (a ratio over a zero median): those become null. */
function finite(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}
