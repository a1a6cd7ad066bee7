import { parentPort, workerData } from 'node:worker_threads';
import type { ProbeRegistry } from '../instrument/registry.js';
import { nothingMatchedMessage } from '../instrument/loaded.js';
import { bootTarget, checkInstrumented } from '../runtime/boot.js';
import { Engine } from './engine.js';
import type { EngineResult } from './engine-types.js';
import type { RegexHint } from './regex-hints.js';
import { Executor } from './executor.js';
import { ExecWatch } from './exec-watch.js';
import { lineHits } from '../runtime/line-hits.js';
import { countUnhandledRejections, guardProcessExit } from '../runtime/target-guards.js';
import type { ExecReport, ParentMessage, WorkerJob, WorkerMessage } from './protocol.js';

const job = workerData as WorkerJob;
const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);

let stopRequested = false;
let engine: Engine | undefined;
/** Regex attacks that arrived while the target was still loading. */
const pendingHints: RegexHint[] = [];
port.on('message', (m: ParentMessage) => {
  if (m.type === 'stop') stopRequested = true;
  else if (m.type === 'import') engine?.importInputs(m.inputs);
  else if (m.type === 'hints') {
    if (engine) engine.addHints(m.hints);
    else pendingHints.push(...m.hints);
  }
});

// Before the target loads: its top level may call process.exit too.
guardProcessExit();
/** Promises the target rejected and left unhandled: error groups of the result, not a crash. */
const rejections = countUnhandledRejections((key) => send({ type: 'target-error', key, input: undefined }));

async function main(): Promise<void> {
  const { target, registry } = await bootTarget(job);
  // No check of the registry yet: a module `fn` requires lazily loads on its first execution.
  send({ type: 'ready', probes: registry.used });
  if (job.kind === 'exec') {
    const watch = job.watch && new ExecWatch(job.watch);
    const fn = watch
      ? (input: unknown) => {
          watch.begin(input);
          try {
            return target.fn(input);
          } finally {
            watch.end();
          }
        }
      : target.fn;
    const exec = new Executor(fn, registry, target.size);
    if (registry.used === 0 && job.inputs.length > 0) {
      exec.run(job.inputs[0]); // loads what fn requires lazily
      await checkInstrumented(registry, job);
    }
    // Warm up, then time the inputs round-robin so each sees the same JIT state and machine load.
    if (job.warmup !== false) for (const input of job.inputs) exec.run(input);
    const times: number[][] = job.inputs.map(() => []);
    for (let r = 0; r < job.repeats; r++) {
      job.inputs.forEach((input, i) => times[i]!.push(exec.run(input).timeMs));
    }
    const reports: ExecReport[] = job.inputs.map((input, i) => {
      // A last run per input leaves its counters (and result) to read.
      const run = exec.run(input);
      const error = run.error === undefined ? undefined : String((run.error as Error)?.stack ?? run.error);
      const counters = Array.from(registry.counters.subarray(0, registry.used));
      const report: ExecReport = { work: registry.work(), timesMs: times[i]!, error, counters, lines: lineHits(registry) };
      if (job.returnResults) report.result = run.result;
      if (registry.constraintIds.size > 0) {
        report.constraints = registry.constraintHits();
        if (i === 0) report.programProbes = programProbes(registry);
      }
      if (registry.measureSlots.size > 0) report.measures = registry.measures();
      return report;
    });
    send({ type: 'exec-done', reports });
    return;
  }
  const timeMs = job.deadline === undefined ? job.options.timeMs : job.deadline - Date.now();
  if (timeMs !== undefined && timeMs <= 0) {
    // Loaded after the campaign's deadline (a late replacement): nothing is left to search.
    send({ type: 'fuzz-done', result: idleResult(registry.used) });
    return;
  }
  // Checked once the seeds have run (at the first status after them) or at the end.
  let checked = false;
  let unmatched = false;
  const check = (e: Engine) => {
    if (checked || e.status().execs === 0) return;
    checked = true;
    if (registry.used === 0) unmatched = true;
  };
  // Status also while seeds run: a worker replaced before its first batch still counts.
  const watch = new ExecWatch(job.watch, { everyMs: 100, run: () => engine && send({ type: 'status', status: engine.status() }) });
  engine = new Engine({ ...target, fn: watch.counted(target.fn) }, registry, {
    ...job.options,
    timeMs,
    watch,
    shouldStop: () => stopRequested || unmatched,
    onError: (key, input) => send({ type: 'target-error', key, input }),
    onKeep: (entry, reasons) => {
      const { held: _held, ...rest } = entry;
      send({ type: 'keep', entry: rest, reasons });
    },
    onStatus: (status) => {
      check(engine!);
      send({ type: 'status', status });
    },
    onRegexes: (regexes) => send({ type: 'regexes', regexes }),
  });
  engine.addHints(pendingHints.splice(0));
  const { entries: _entries, ...result } = await engine.run();
  check(engine);
  if (unmatched) throw new Error(await nothingMatchedMessage(job.targetFile, job.globs, job.baseDir));
  for (const [key, n] of Object.entries(rejections)) {
    result.errorGroups[key] = (result.errorGroups[key] ?? 0) + n;
    result.errors += n;
  }
  send({ type: 'fuzz-done', result });
}

/** The result of a worker that had no time left to search. */
function idleResult(probes: number): Omit<EngineResult, 'entries'> {
  const status = { elapsedMs: 0, execs: 0, execsPerSec: 0, corpus: 0, bestWork: -1, bestTimeMs: 0, covered: 0, probes, errors: 0, rejected: 0, lastFindMs: 0 };
  return { ...status, bestWorkInput: undefined, bestTimeInput: undefined, progress: [], errorGroups: {} };
}

/** Every probe but the constraint probes, described for messages. */
function programProbes(registry: ProbeRegistry): Record<number, string> {
  const constraint = new Set(registry.constraintProbes);
  const out: Record<number, string> = {};
  for (let id = 0; id < registry.used; id++) {
    if (constraint.has(id)) continue;
    const { file, site } = registry.where(id);
    out[id] = `${file.split('/').pop()}:${site.line} (${site.kind})`;
  }
  return out;
}

main().catch((e: unknown) => {
  send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
});
