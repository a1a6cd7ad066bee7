import path from 'node:path';
import type { Command } from 'commander';
import type { Candidate } from '../measure/select.js';
import { activeConstraints, constraintSetInfo, ensureConstraints } from '../constraints/index.js';
import { loadTarget } from '../target/load.js';
import { runSearch, searchOptions } from './campaign-run.js';
import { hangCandidates, verifyIntoReport, verifyOptions, type VerifyFlags } from './verify.js';
import { preview } from './fuzz.js';

interface RunFlags extends VerifyFlags {
  constraints: boolean;
  workers: number;
  execTimeout: number;
  memory: number;
  time?: number;
  execs?: number;
}

export function registerRun(program: Command): void {
  verifyOptions(
    searchOptions(
      program
        .command('run')
        .description('search, verify the findings in isolation and write report.html, in one go')
        .argument('<target>', 'target id (targets/<id>.target.ts) or path to a target file')
        .option('--no-constraints', 'search without constraint probes (they are synthesized when missing or stale)'),
    ),
  ).action(async (ref: string, flags: RunFlags) => {
    const target = await loadTarget(ref);
    // synth (when constraints/<id>.json is missing or stale) → fuzz → verify → report.
    const ensured = await ensureConstraints(target, { root: process.cwd() });
    if (ensured.synthesized) process.stderr.write(`constraints: synthesized (${ensured.reason}); ${ensured.file.constraints.filter((c) => c.status === 'kept').length} kept\n`);
    const warn = (m: string) => process.stderr.write(`warning: ${m}\n`);
    const constraintProbes = flags.constraints ? activeConstraints(target, ensured.file, warn) : undefined;
    const constraintSet = constraintProbes ? constraintSetInfo(process.cwd(), ensured.file, constraintProbes) : undefined;
    const run = await runSearch(target, { ...flags, mode: 'wedge', corpus: true, constraintProbes, constraintSet }, true);
    const { result } = run;
    process.stderr.write(`search: ${result.execs} execs, ${result.kept.length} inputs kept, best work ${result.bestWork}; best input ${preview(result.bestWorkInput, 100)}\n`);
    if (run.interrupted) {
      process.stdout.write(`stopped before verification; report: ${run.reportPath}\n`);
      process.exitCode = 130;
      return;
    }
    // The best inputs may come from an earlier run's corpus, which `kept` (this run's) leaves out.
    const candidates: Candidate[] = [...hangCandidates(result.findings), ...result.kept.map((k) => ({ hash: k.hash, input: k.input, work: k.work, timeMs: k.timeMs }))];
    const known = new Set(candidates.map((c) => JSON.stringify(c.input)));
    if (result.bestWorkInput !== undefined && !known.has(JSON.stringify(result.bestWorkInput))) candidates.push({ input: result.bestWorkInput, work: result.bestWork, timeMs: 0 });
    if (result.bestTimeInput !== undefined && !known.has(JSON.stringify(result.bestTimeInput))) candidates.push({ input: result.bestTimeInput, work: -1, timeMs: result.bestTimeMs });
    const { html, summary } = await verifyIntoReport(target, path.resolve(run.reportPath), candidates, flags);
    process.stdout.write([...summary, `report: ${path.relative(process.cwd(), html)}`].join('\n') + '\n');
  });
}
