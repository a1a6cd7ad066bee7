// Targets that hang on inputs the search reaches in seconds (a backtracking regex): the run
// must still end with its report, count what replaced workers did, and verify hangs under a limit.
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine } from '../src/fuzz/engine.js';
import { createWatchBuffer } from '../src/fuzz/exec-watch.js';
import type { WorkerMessage } from '../src/fuzz/protocol.js';
import { startWorker } from '../src/fuzz/spawn.js';
import { ProbeRegistry } from '../src/instrument/registry.js';
import type { StoredReport } from '../src/report/report-file.js';
import { loadTarget } from '../src/target/load.js';
import { repo, wedge } from './helpers/fixture-project.js';

const fixture = (name: string) => path.join(repo, 'test/fixtures', `${name}.target.ts`);

interface Summary {
  report: string;
  execs: number;
  probes: number;
  covered: number;
  hangs: number;
  findings: { kind: string; input?: unknown; minTimeMs?: number }[];
}

test('a target that hangs on reachable inputs: the run ends with its report, its hangs, and the counts of replaced workers', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-backtrack-'));
  const r = await wedge(cwd, 'fuzz', fixture('backtrack'), '--json', '--workers', '2', '--time', '6s', '--exec-timeout', '300ms');
  t.is(r.code, 0, r.stderr);
  t.notRegex(r.stderr, /no seed input could run/);
  const s = JSON.parse(r.stdout) as Summary;
  t.true(s.hangs >= 1, `${s.hangs} hangs`);
  const hangs = s.findings.filter((f) => f.kind === 'hang');
  t.true(hangs.length >= 1);
  for (const h of hangs) {
    t.is(h.minTimeMs, 300, 'a hang records the timeout as a lower bound on its time');
    if (h.input !== undefined) t.regex(h.input as string, /^7{16,}/, 'the saved input is one that backtracks');
  }
  // Replaced workers send no result: their executions and coverage must count all the same.
  t.true(s.execs > 0, `${s.execs} execs`);
  t.true(s.probes > 0, `${s.probes} probes`);
  t.true(s.covered > 0, `${s.covered} probes covered`);
  const report = JSON.parse(readFileSync(path.join(cwd, s.report), 'utf8')) as StoredReport;
  t.is(report.execs, s.execs);
  t.true(report.findings.some((f) => f.kind === 'hang'));
});

test('an engine whose time budget is spent before any seed runs ends without an error', async (t) => {
  const target = await loadTarget(fixture('linear-scan'));
  const engine = new Engine(target, new ProbeRegistry(), { mode: 'wedge', seed: 1, timeMs: 0, timeFeedback: false });
  const r = await engine.run();
  t.is(r.execs, 0);
});

test('a worker that loads after the campaign deadline searches nothing and ends with a result', async (t) => {
  const messages: WorkerMessage[] = [];
  const { worker, exited } = startWorker(
    {
      kind: 'fuzz',
      targetFile: fixture('linear-scan'),
      globs: ['./linear-scan.ts'],
      baseDir: path.join(repo, 'test/fixtures'),
      watch: createWatchBuffer(),
      deadline: Date.now() - 1,
      options: { mode: 'wedge', seed: 1, timeFeedback: false },
    },
    (m) => {
      messages.push(m);
      if (m.type === 'fuzz-done' || m.type === 'error') void worker.terminate();
    },
  );
  await exited;
  const done = messages.find((m) => m.type === 'fuzz-done');
  t.falsy(messages.find((m) => m.type === 'error'));
  t.truthy(done);
  if (done?.type === 'fuzz-done') {
    t.is(done.result.execs, 0);
    t.true(done.result.probes > 0, 'the probes it loaded are reported');
  }
});

test('wedge verify runs a hang finding under a limit and records the limit as a lower bound; it never stalls', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'wedge-verify-hang-'));
  const dir = path.join(cwd, 'reports/backtrack/run-1');
  mkdirSync(dir, { recursive: true });
  const forever = '7'.repeat(40) + '!';
  const kept = ['77x', '7!7x!x7', 'x!x!x7x7!7'].map((input, i) => ({ hash: `k${i}`, input, size: input.length, work: 2, timeMs: 0.01, reasons: ['seed'], foundAtMs: i }));
  const report = {
    version: 1,
    target: 'backtrack',
    run: 'run-1',
    startedAt: new Date().toISOString(),
    mode: 'wedge',
    seed: 1,
    durationMs: 1000,
    execs: 100,
    execsPerSec: 100,
    corpusSize: kept.length,
    probes: 3,
    covered: 2,
    errors: 0,
    errorGroups: {},
    rejected: 0,
    workers: 1,
    hangs: 1,
    ooms: 0,
    findings: [{ version: 1, target: 'backtrack', kind: 'hang', hash: 'h1', input: forever, detail: 'one execution ran longer than 300 ms', foundAtMs: 500, minTimeMs: 300 }],
    best: { work: 2, timeMs: 0.01, input: '77x', slowestInput: '77x' },
    top: kept,
    progress: [],
  };
  writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
  const r = await wedge(cwd, 'verify', fixture('backtrack'), '--report', dir, '--min-time', '50ms', '--baseline', '3', '--top', '3');
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /hang: still running after 300 ms/);
  const verified = (JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as StoredReport).verified!;
  t.is(verified.hangs?.length, 1);
  t.is(verified.hangs![0]!.input, forever);
  t.is(verified.hangs![0]!.limitMs, 300);
  t.true(verified.hangs![0]!.slowdownAtLeast > 1);
  t.false(verified.findings.some((f) => f.input === forever), 'a hang is not a finding with a measured time');
  t.regex(readFileSync(path.join(dir, 'report.html'), 'utf8'), /still running after/);
});
