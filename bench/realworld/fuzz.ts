// Runs Wedge on one target the way a user does (the CLI, in the cache project) and picks the
// inputs worth timing from its report.
import { runNode } from './run-child.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StoredReport } from '../../src/report/report-file.js';

export interface FuzzRun {
  reportPath: string;
  report: StoredReport;
  /** Wall time of the whole `wedge fuzz` process, start-up included. */
  seconds: number;
  /** Lines Wedge wrote to stderr (warnings, errors). */
  stderr: string[];
}

export interface Candidate {
  /** Where it came from: best-time, best-work, hang, oom, top-time-N. */
  from: string;
  input: string;
}

/** `node <repo>/bin/wedge.mjs fuzz <file> --time T --workers W --json --no-corpus`, cwd = the cache. */
export async function runWedge(root: string, cache: string, targetFile: string, timeMs: number, workers: number): Promise<FuzzRun> {
  const args = [path.join(root, 'bin', 'wedge.mjs'), 'fuzz', targetFile, '--time', `${timeMs}ms`, '--workers', String(workers), '--json', '--no-corpus'];
  const started = performance.now();
  // The cache's targets import `wedge` by name: the `wedge-source` condition resolves it to this
  // checkout's src/, the code being measured, rather than a possibly older dist/.
  const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, '--conditions=wedge-source'].filter(Boolean).join(' ') };
  const { status, out, err } = await runNode(args, { cwd: cache, env });
  const seconds = (performance.now() - started) / 1000;
  const stderr = err.split('\n').filter((l) => l.trim() !== '');
  if (status !== 0) throw new Error(`wedge fuzz exited with status ${status}:\n${err.trim() || out.slice(0, 2000)}`);
  let summary: { report?: string };
  try {
    summary = JSON.parse(out) as { report?: string };
  } catch {
    throw new Error(`wedge fuzz --json printed no JSON:\n${out.slice(0, 2000)}\n${err.trim()}`);
  }
  if (!summary.report) throw new Error('wedge fuzz --json names no report');
  const reportPath = path.resolve(cache, summary.report);
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as StoredReport;
  return { reportPath, report, seconds, stderr };
}

/**
 * The inputs to time: slowest and highest-work inputs, hangs and out-of-memory inputs, then the
 * slowest of the report's top inputs; strings within the budget only, each once, at most `max`.
 */
export function pickCandidates(report: StoredReport, L: number, max = 5): Candidate[] {
  const list: Candidate[] = [];
  const add = (from: string, input: unknown) => {
    if (typeof input !== 'string' || input.length > L || list.length >= max) return;
    if (list.some((c) => c.input === input)) return;
    list.push({ from, input });
  };
  add('best-time', report.best?.slowestInput);
  add('best-work', report.best?.input);
  for (const f of report.findings ?? []) if (f.kind === 'hang' || f.kind === 'oom') add(f.kind, f.input);
  const byTime = [...(report.top ?? [])].sort((a, b) => b.timeMs - a.timeMs);
  byTime.forEach((k, i) => add(`top-time-${i + 1}`, k.input));
  return list;
}
