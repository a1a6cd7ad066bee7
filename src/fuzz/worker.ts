import fc from 'fast-check';
import { parentPort, workerData } from 'node:worker_threads';
import { installInstrumentation } from '../instrument/install.js';
import { loadTarget } from '../target/load.js';
import { Engine } from './engine.js';
import { Executor } from './executor.js';
import { ExecWatch } from './exec-watch.js';
import { lineHits } from './line-hits.js';
import type { ExecReport, ParentMessage, WorkerJob, WorkerMessage } from './protocol.js';

const job = workerData as WorkerJob;
const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);

let stopRequested = false;
let engine: Engine | undefined;
port.on('message', (m: ParentMessage) => {
  if (m.type === 'stop') stopRequested = true;
  else if (m.type === 'import') engine?.importInputs(m.inputs);
});

async function main(): Promise<void> {
  // Arbitraries fix their size when built, so this must hold before the target loads: an explicit
  // maximum (maxLength...) means size 'max'; unbounded ones get the largest finite size.
  fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: 'xlarge', defaultSizeToMaxWhenMaxSpecified: true });
  // Hooks first: the target's imports must load instrumented.
  const registry = installInstrumentation(job.globs, job.baseDir, job.extras);
  const target = await loadTarget(job.targetFile);
  if (registry.used === 0) {
    throw new Error(`${job.targetFile}: field "instrument" matched no loaded source file (globs: ${job.globs.join(', ')})`);
  }
  send({ type: 'ready', probes: registry.used });
  if (job.kind === 'exec') {
    const exec = new Executor(target.fn, registry, target.size);
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
  engine = new Engine(target, registry, {
    ...job.options,
    watch: new ExecWatch(job.watch),
    shouldStop: () => stopRequested,
    onError: (key, input) => send({ type: 'target-error', key, input }),
    onKeep: (entry, reasons) => {
      const { held: _held, ...rest } = entry;
      send({ type: 'keep', entry: rest, reasons });
    },
    onStatus: (status) => send({ type: 'status', status }),
  });
  const { entries: _entries, ...result } = await engine.run();
  send({ type: 'fuzz-done', result });
}

/** Every probe but the constraint probes, described for messages. */
function programProbes(registry: ReturnType<typeof installInstrumentation>): Record<number, string> {
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
