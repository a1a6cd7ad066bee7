import path from 'node:path';
import type { Target } from '../target/load.js';
import { corpusDir } from '../fuzz/corpus.js';
import { corpusInputs } from './inputs.js';
import { replayForCoverage } from './replay.js';
import { writeCoverageReports, type Reporter } from './report.js';
import type { CoverageMap } from 'istanbul-lib-coverage';

export interface CoverageOptions {
  corpus?: string;
  out?: string;
  reporters: Reporter[];
  execTimeoutMs: number;
}

export interface CoverageRun {
  corpus: string;
  out: string;
  inputs: number;
  errorFindings: number;
  ran: number;
  errors: Record<string, number>;
  /** Inputs left out, by file, and why. */
  stopped: { file: string; reason: string }[];
  coverage: CoverageMap;
}

/** Replays the target's corpus under istanbul and writes the reports; `--out` defaults to coverage/<id>. */
export async function runCoverage(target: Target, opts: CoverageOptions, warn: (message: string) => void): Promise<CoverageRun> {
  const corpus = path.resolve(opts.corpus ?? corpusDir(process.cwd(), target.id));
  const out = path.resolve(opts.out ?? path.join('coverage', target.id));
  const { inputs, files, errorFindings } = corpusInputs(corpus, warn);
  if (inputs.length === 0) throw new Error(`no inputs in ${corpus}: run \`wedge fuzz ${target.id}\` first, or name a corpus folder with --corpus`);
  const r = await replayForCoverage({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs }, opts.execTimeoutMs);
  writeCoverageReports(r.coverage, out, opts.reporters.filter((x) => x !== 'text-summary'));
  return { corpus, out, inputs: inputs.length, errorFindings, ...r, stopped: r.stopped.map((s) => ({ file: files[s.index]!, reason: s.reason })) };
}

/** The lines printed after a replay: what ran, what was left out, and the four percentages (text-summary). */
export function coverageSummary(run: CoverageRun, reporters: Reporter[]): string[] {
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  const thrown = Object.values(run.errors).reduce((a, b) => a + b, 0);
  const lines = [
    `replayed ${run.ran} of ${run.inputs} inputs from ${rel(run.corpus)}${run.errorFindings ? ` (${run.errorFindings} of them error findings)` : ''}; ${thrown} threw`,
    ...run.stopped.map((s) => `  left out ${rel(s.file)}: ${s.reason}`),
  ];
  if (reporters.includes('text-summary')) {
    const s = run.coverage.getCoverageSummary();
    const row = (name: string, m: { pct: number; covered: number; total: number }) => `${name.padEnd(12)}: ${m.total ? `${m.pct}%` : 'n/a'} (${m.covered}/${m.total})`;
    if (run.coverage.files().length === 0) lines.push('no instrumented file was loaded: check the target\'s instrument globs');
    lines.push(row('Statements', s.statements), row('Branches', s.branches), row('Functions', s.functions), row('Lines', s.lines));
  }
  const written = reporters.filter((x) => x === 'lcov' || x === 'lcovonly' || x === 'html');
  if (written.length) lines.push(`coverage: ${[...(written.some((x) => x.startsWith('lcov')) ? [path.join(rel(run.out), 'lcov.info')] : []), ...(written.includes('html') ? [path.join(rel(run.out), 'index.html')] : [])].join(', ')}`);
  return lines;
}
