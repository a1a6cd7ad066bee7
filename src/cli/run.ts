import path from 'node:path';
import type { Command } from 'commander';
import type { Candidate } from '../measure/select.js';
import { activeConstraints, constraintSetInfo, ensureConstraints, type EnsureResult } from '../constraints/index.js';
import { constraintsPath } from '../constraints/format.js';
import { formatDuration } from '../report/status-line.js';
import { phaseTimes } from '../report/verify-summary.js';
import { loadTarget, type Target } from '../target/load.js';
import { runSearch, searchOptions, searchSummary } from './campaign-run.js';
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
        .option('--no-constraints', 'search without constraint probes, and skip synthesizing them (by default they are synthesized first when constraints/<id>.json is missing or stale)'),
    ),
  ).action(async (ref: string, flags: RunFlags) => {
    const target = await loadTarget(ref);
    const started = Date.now();
    // synth (when constraints/<id>.json is missing or stale) → fuzz → verify → report.
    // --time bounds the search only: the phases around it say what they do and how long they took.
    const t0 = Date.now();
    const ensured = flags.constraints ? await synthesizeAnnounced(target) : undefined;
    const synthMs = ensured?.synthesized ? Date.now() - t0 : undefined;
    const warn = (m: string) => process.stderr.write(`warning: ${m}\n`);
    const constraintProbes = ensured ? activeConstraints(target, ensured.file, warn) : undefined;
    const constraintSet = ensured && constraintProbes ? constraintSetInfo(process.cwd(), ensured.file, constraintProbes) : undefined;
    const t1 = Date.now();
    const run = await runSearch(target, { ...flags, mode: 'wedge', corpus: true, constraintProbes, constraintSet }, true);
    const searchMs = Date.now() - t1;
    const { result } = run;
    process.stderr.write(`search: ${result.execs} execs in ${formatDuration(searchMs)}, ${result.kept.length} inputs kept, best work ${result.bestWork}; best input ${preview(result.bestWorkInput, 100)}\n`);
    if (run.interrupted) {
      process.stdout.write(`stopped before verification; report: ${run.reportPath}\n`);
      process.exitCode = 130;
      return;
    }
    if (run.reportError !== undefined) {
      // Verification writes into the report: with none on disk, say so and keep what the search found in view.
      process.stdout.write(`${searchSummary(target, run, preview).join('\n')}\n`);
      process.stderr.write(`wedge: could not write the report ${run.reportPath}: ${run.reportError}; verification needs it, so it did not run\n`);
      process.exitCode = 1;
      return;
    }
    // The best inputs may come from an earlier run's corpus, which `kept` (this run's) leaves out.
    const candidates: Candidate[] = [...hangCandidates(result.findings), ...result.kept.map((k) => ({ hash: k.hash, input: k.input, work: k.work, timeMs: k.timeMs }))];
    const known = new Set(candidates.map((c) => JSON.stringify(c.input)));
    if (result.bestWorkInput !== undefined && !known.has(JSON.stringify(result.bestWorkInput))) candidates.push({ input: result.bestWorkInput, work: result.bestWork, timeMs: 0 });
    if (result.bestTimeInput !== undefined && !known.has(JSON.stringify(result.bestTimeInput))) candidates.push({ input: result.bestTimeInput, work: -1, timeMs: result.bestTimeMs });
    process.stderr.write(`verify: re-measuring the best inputs in a fresh process (progress below; --top, --min-time and --baseline set how long this takes)\n`);
    const { html, summary, verified, verifyMs, reportMs } = await verifyIntoReport(target, path.resolve(run.reportPath), candidates, flags);
    const phases: [string, number | undefined][] = [['constraints', synthMs], ['search', searchMs], ['verification', verifyMs], ['report', reportMs]];
    const other = Date.now() - started - phases.reduce((s, [, ms]) => s + (ms ?? 0), 0);
    // Loading the target and checking constraints files: small, but part of what the user waited for.
    if (other >= 1000) phases.push(['other', other]);
    process.stdout.write([...summary, phaseTimes(phases, verified), `report: ${path.relative(process.cwd(), html)}`].join('\n') + '\n');
  });
}

/** How often a silent synthesis says it is still working. */
const HEARTBEAT_MS = 10_000;

/**
 * The target's constraints, synthesized first when constraints/<id>.json is missing or stale:
 * announced before it starts (it profiles the target, which takes a while), with its steps and a
 * heartbeat while it works, and the file it writes into the project named when written.
 */
async function synthesizeAnnounced(target: Target): Promise<EnsureResult> {
  const root = process.cwd();
  const rel = path.relative(root, constraintsPath(root, target.id));
  const t0 = Date.now();
  const say = (m: string) => process.stderr.write(`[${formatDuration(Date.now() - t0)}] constraints: ${m}\n`);
  let announced = false;
  const announce = () => {
    if (announced) return;
    announced = true;
    say(`${rel} is missing or stale: synthesizing constraints first (a profiling search, then each candidate checked on slow and typical inputs; usually 10–40 s; --no-constraints skips this)`);
  };
  let last = Date.now();
  const heartbeat = setInterval(() => {
    if (announced && Date.now() - last >= HEARTBEAT_MS) {
      last = Date.now();
      say(`still synthesizing (${formatDuration(Date.now() - t0)} so far)`);
    }
  }, 1000);
  try {
    const ensured = await ensureConstraints(target, {
      root,
      log: (line) => {
        announce();
        last = Date.now();
        say(line);
      },
    });
    if (ensured.synthesized) {
      announce();
      say(`wrote ${rel} (${ensured.file.constraints.filter((c) => c.status === 'kept').length} kept; ${ensured.reason}) in ${formatDuration(Date.now() - t0)}; commit it to make campaigns reproducible`);
    }
    return ensured;
  } finally {
    clearInterval(heartbeat);
  }
}
