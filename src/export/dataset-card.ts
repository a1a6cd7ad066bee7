import { FEATURES, hfDtype, type DatasetRecord } from './dataset-schema.js';

/** What the card says about one target's rows. */
export interface CardTarget {
  id: string;
  rows: number;
  report: string;
  mode: string;
  seed: number;
  budget?: { timeMs?: number; execs?: number };
  constraints: string;
}

export interface CardInput {
  name: string;
  license: string;
  split: string;
  files: { parquet: string; jsonl: string };
  records: readonly DatasetRecord[];
  targets: CardTarget[];
  skipped: { target: string; reason: string }[];
  createdAt: string;
}

/**
 * README.md of the dataset: YAML front matter in the Hugging Face dataset-card format (`configs`
 * pointing at the Parquet shard, `dataset_info.features` with every column's dtype), then what a
 * reader needs: what a row is, each field, how the rows were produced, how to load them.
 */
export function datasetCard(c: CardInput): string {
  const yaml = [
    '---',
    `license: ${c.license}`,
    `pretty_name: ${quote(c.name)}`,
    'tags:',
    '- code',
    '- performance',
    '- fuzzing',
    '- javascript',
    '- typescript',
    'size_categories:',
    `- ${sizeCategory(c.records.length)}`,
    'configs:',
    '- config_name: default',
    '  data_files:',
    `  - split: ${c.split}`,
    `    path: ${c.files.parquet.replace(/-\d{5}-of-\d{5}\.parquet$/, '-*.parquet')}`,
    'dataset_info:',
    '  features:',
    ...FEATURES.flatMap((f) => {
      const [key, value] = Object.entries(hfDtype(f.type))[0]!;
      return [`  - name: ${f.name}`, `    ${key}: ${value}`];
    }),
    '  splits:',
    `  - name: ${c.split}`,
    `    num_examples: ${c.records.length}`,
    '---',
  ];
  const envs = [...new Set(c.records.map((r) => `Node ${r.env_node} (V8 ${r.env_v8}) on ${r.env_cpu}, ${r.env_cores} cores, ${r.env_platform}`))];
  const body = [
    '',
    `# ${mdText(c.name)}`,
    '',
    `Inputs that make JavaScript/TypeScript functions slow, found by Wedge and re-measured. ${c.records.length} rows from ${c.targets.length} target${c.targets.length === 1 ? '' : 's'}, one split (\`${c.split}\`). Each row is one (target, finding) pair: the code under test, the slow input, its deterministic work and wall time next to those of random inputs of the same size, the slowdown with its spread, the performance constraints it satisfies, and how and where it was produced.`,
    '',
    '## Files',
    '',
    `- \`${c.files.parquet}\`: the rows in Parquet (the dataset's default config).`,
    `- \`${c.files.jsonl}\`: the same rows as JSON Lines, field for field.`,
    '',
    'Values without one type across targets (`input`, `input_minimized`, `source_files`, `generation`) are JSON text in both files: decode them with `json.loads` / `JSON.parse`. Lists of strings are Parquet LIST columns and JSON arrays.',
    '',
    '## Rows per target',
    '',
    '| target | rows | run | mode | seed | budget | constraints |',
    '| --- | ---: | --- | --- | ---: | --- | --- |',
    ...c.targets.map((t) => `| ${mdText(t.id)} | ${t.rows} | ${mdCode(t.report)} | ${mdText(t.mode)} | ${mdText(t.seed)} | ${mdText(budget(t.budget))} | ${mdText(t.constraints)} |`),
    ...(c.skipped.length ? ['', 'Left out (no verified report): ' + c.skipped.map((s) => mdText(s.target)).join(', ') + '.'] : []),
    '',
    '## Fields',
    '',
    '| feature | type | description |',
    '| --- | --- | --- |',
    ...FEATURES.map((f) => `| \`${f.name}\` | ${f.type === 'string-list' ? 'list of string' : f.type}${f.nullable ? ', nullable' : ''} | ${f.description.replace(/\|/g, '\\|')} |`),
    '',
    '## How it was generated',
    '',
    '1. **Search.** For each target (a function, a fast-check arbitrary for its input and a size budget), Wedge instrumented the source with deterministic work counters and searched for inputs of maximal work (`generation_mode`, `generation_seed`; budget and constraints in `generation`). With constraints, the search also instrumented performance-characterizing constraints from `constraints/<id>.json`, synthesized statically or by an LLM (`llm_model`, `llm_cache_keys`).',
    '2. **Verification.** The top inputs were re-run in a fresh Node process holding only the instrumented target, warmed up and timed round-robin with random inputs of the same size drawn from the same arbitrary (the baseline). Times are per call, with quartiles; `slowdown` is the finding\'s median over the baseline\'s, and its range comes from the quartiles. The slowest findings were also minimized (`input_minimized`, null for the others).',
    '3. **Constraints satisfied.** At export, each input was replayed once with the target\'s kept constraints instrumented; `constraints_satisfied` lists those that were true at least once (`constraints_checked` says how many were evaluated).',
    '',
    'Figures are measured, not inferred; wall times depend on the machine, work does not. Measured on:',
    '',
    ...envs.map((e) => `- ${mdText(e)}`),
    '',
    '## Loading',
    '',
    '```python',
    'from datasets import load_dataset',
    `ds = load_dataset("parquet", data_files="${c.files.parquet}", split="train")`,
    '```',
    '',
    '```sql',
    `SELECT target, slowdown, input FROM '${c.files.parquet}' ORDER BY slowdown DESC;  -- DuckDB`,
    '```',
    '',
    '## License',
    '',
    `${c.license === 'other' ? 'See the project.' : `${c.license.toUpperCase()}, like the project that produced it.`} Code from npm packages (rows with \`source_package\`) keeps its package's license.`,
    '',
    `Exported ${mdText(c.createdAt)}.`,
    '',
  ];
  return [...yaml, ...body].join('\n');
}

/** A YAML double-quoted scalar: JSON's escapes are YAML's, U+2028/U+2029 included once escaped. */
function quote(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Text from reports and the machine (ids, run folders, modes, CPU names) as inline Markdown: on
 * one line, and unable to open a table cell, a code span, an HTML tag or a link.
 */
function mdText(value: unknown): string {
  return String(value)
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`);
}

/** A path as a code span: backticks inside cannot close it (a longer fence is used). */
function mdCode(value: unknown): string {
  const text = String(value).replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest ? ' ' : ''}${text}${longest ? ' ' : ''}${fence}`;
}

/** The Hugging Face size buckets. */
function sizeCategory(n: number): string {
  if (n < 1000) return 'n<1K';
  if (n < 10_000) return '1K<n<10K';
  if (n < 100_000) return '10K<n<100K';
  return '100K<n<1M';
}

function budget(b: CardTarget['budget']): string {
  if (!b) return 'not recorded';
  const parts = [b.timeMs !== undefined ? `${b.timeMs / 1000} s` : '', b.execs !== undefined ? `${b.execs} execs` : ''].filter(Boolean);
  return parts.join(', ') || 'not recorded';
}
