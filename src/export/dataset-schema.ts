/**
 * The features (columns) of an exported dataset: one list that the Parquet schema, the JSONL rows
 * and the dataset card are all made from, so the three cannot drift apart.
 *
 * Values that have no single type across targets (the input itself, the list of source files,
 * how a row was generated) are JSON text: an input is an array of numbers for one target and a
 * string or a record for another, and a column needs one type.
 */

/** A feature's type: Parquet physical/logical type on one side, Hugging Face `dtype` on the other. */
export type FeatureType = 'string' | 'int64' | 'float64' | 'bool' | 'string-list';

/** One row: one verified finding of one target. */
export interface DatasetRecord {
  task_id: string;
  target: string;
  target_description: string;
  source_path: string;
  source_export: string | null;
  source_code: string;
  source_package: string | null;
  source_package_version: string | null;
  source_files: string;
  input: string;
  input_minimized: string | null;
  size: number;
  max_size: number;
  work: number;
  typical_work: number;
  work_ratio: number | null;
  time_ms_median: number;
  time_ms_q1: number;
  time_ms_q3: number;
  time_ms_iqr: number;
  time_runs: number;
  calls_per_run: number;
  typical_time_ms_median: number;
  typical_time_ms_iqr: number;
  baseline_inputs: number;
  baseline_exact_size: boolean;
  slowdown: number | null;
  slowdown_low: number | null;
  slowdown_high: number | null;
  bound: string;
  rank: number;
  instructions: number | null;
  error: string | null;
  constraints_checked: number;
  constraints_satisfied: string[];
  generation_mode: string;
  generation_seed: number;
  llm_model: string | null;
  llm_cache_keys: string[];
  generation: string;
  env_node: string;
  env_v8: string;
  env_cpu: string;
  env_cores: number;
  env_platform: string;
}

export interface Feature {
  name: keyof DatasetRecord;
  type: FeatureType;
  nullable: boolean;
  description: string;
}

type Spec = Omit<Feature, 'name'>;
const f = (type: FeatureType, description: string, nullable = false): Spec => ({ type, nullable, description });

/** Keyed by record field, so a field without a feature (or the reverse) does not compile. */
const SPEC: { [K in keyof DatasetRecord]: Spec } = {
  task_id: f('string', 'Unique row id: `<target>/<hash>`, the hash being the first 16 hex digits of the sha256 of the input as JSON.'),
  target: f('string', 'Target id (`targets/<id>.target.ts`).'),
  target_description: f('string', "The target's own description of the function and its input."),
  source_path: f('string', 'The instrumented source file the target calls into, relative to the project root.'),
  source_export: f('string', 'The function of that file the target calls (several are joined with ", ").', true),
  source_code: f('string', 'Text of that file, as it was measured.'),
  source_package: f('string', 'npm package name, when the file is under node_modules.', true),
  source_package_version: f('string', 'npm package version, when the file is under node_modules.', true),
  source_files: f('string', 'JSON: every instrumented file of the target as {path, exports, sha256, package?, version?}.'),
  input: f('string', 'JSON: the slow input, exactly as passed to the target.'),
  input_minimized: f('string', 'JSON: a smaller, more readable input keeping at least 95% of the cost, when the finding was minimized.', true),
  size: f('int64', "The input's size by the target's own measure."),
  max_size: f('int64', "The target's size budget."),
  work: f('int64', 'Deterministic cost: probe hits (function entries, branches, loop passes) of one call.'),
  typical_work: f('float64', 'Median work of the random inputs of the same size.'),
  work_ratio: f('float64', 'work / typical_work (null when typical work is 0).', true),
  time_ms_median: f('float64', 'Median wall time of one call, in milliseconds, in a fresh process.'),
  time_ms_q1: f('float64', 'First quartile of the per-call times.'),
  time_ms_q3: f('float64', 'Third quartile of the per-call times.'),
  time_ms_iqr: f('float64', 'Interquartile range of the per-call times (q3 - q1).'),
  time_runs: f('int64', 'Timed runs behind the median.'),
  calls_per_run: f('int64', 'Calls per timed run (fast calls are batched and divided out).'),
  typical_time_ms_median: f('float64', 'Median over the random inputs of the same size of their median times.'),
  typical_time_ms_iqr: f('float64', 'Interquartile range of those typical times.'),
  baseline_inputs: f('int64', 'Random inputs behind the typical figures.'),
  baseline_exact_size: f('bool', 'Whether every random input had exactly the size of the finding (otherwise the nearest sizes filled in).'),
  slowdown: f('float64', 'time_ms_median / typical_time_ms_median.', true),
  slowdown_low: f('float64', 'Conservative low end of the slowdown: time q1 over typical q3.', true),
  slowdown_high: f('float64', 'High end of the slowdown: time q3 over typical q1.', true),
  bound: f('string', '"work" when the cost shows in probe work; "time" when it sits in V8 built-ins (e.g. RegExp backtracking) and only wall time shows it.'),
  rank: f('int64', 'Rank of the finding by slowdown within its run (1 = slowest).'),
  instructions: f('float64', 'CPU instructions per call from hardware counters, when the machine allowed counting.', true),
  error: f('string', 'What the target threw on this input, if it threw.', true),
  constraints_checked: f('int64', "How many of the target's kept constraints were evaluated (0 when the target has none)."),
  constraints_satisfied: f('string-list', 'Ids of the checked constraints that were true at least once when the input was replayed.'),
  generation_mode: f('string', 'Search mode of the run that found the input (wedge, coverage or random).'),
  generation_seed: f('int64', 'Seed of that run.'),
  llm_model: f('string', 'provider:model of the LLM that proposed constraints used by the run, if any.', true),
  llm_cache_keys: f('string-list', 'Cache keys of the LLM replies behind those constraints (constraints/.cache/), if any.'),
  generation: f('string', 'JSON: the run (report path, start, workers, budget, executions, constraints instrumented with their origin) and how the finding was verified.'),
  env_node: f('string', 'Node.js version of the measurement.'),
  env_v8: f('string', 'V8 version.'),
  env_cpu: f('string', 'CPU model.'),
  env_cores: f('int64', 'Logical cores available.'),
  env_platform: f('string', 'Operating system and kernel release.'),
};

/** In column order. */
export const FEATURES: readonly Feature[] = (Object.keys(SPEC) as (keyof DatasetRecord)[]).map((name) => ({ name, ...SPEC[name] }));

/** The Hugging Face `datasets` dtype of a feature, as written in a dataset card. */
export function hfDtype(type: FeatureType): { dtype: string } | { sequence: string } {
  switch (type) {
    case 'string':
      return { dtype: 'string' };
    case 'int64':
      return { dtype: 'int64' };
    case 'float64':
      return { dtype: 'float64' };
    case 'bool':
      return { dtype: 'bool' };
    case 'string-list':
      return { sequence: 'string' };
  }
}
