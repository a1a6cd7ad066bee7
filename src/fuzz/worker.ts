import fc from 'fast-check';
import { parentPort, workerData } from 'node:worker_threads';
import { installInstrumentation } from '../instrument/install.js';
import { loadTarget } from '../target/load.js';
import { Engine } from './engine.js';
import { Executor } from './executor.js';
import { lineHits } from './line-hits.js';
import type { ExecReport, ParentMessage, WorkerJob, WorkerMessage } from './protocol.js';

const job = workerData as WorkerJob;
const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);

let stopRequested = false;
port.on('message', (m: ParentMessage) => {
  if (m.type === 'stop') stopRequested = true;
});

async function main(): Promise<void> {
  // Arbitraries fix their size when built, so size 'max' must be the default before the target loads.
  fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: 'max' as 'xlarge', defaultSizeToMaxWhenMaxSpecified: true });
  // Hooks first: the target's imports must load instrumented.
  const registry = installInstrumentation(job.globs, job.baseDir);
  const target = await loadTarget(job.targetFile);
  if (registry.used === 0) {
    throw new Error(`${job.targetFile}: field "instrument" matched no loaded source file (globs: ${job.globs.join(', ')})`);
  }
  send({ type: 'ready', probes: registry.used });
  if (job.kind === 'exec') {
    const exec = new Executor(target.fn, registry);
    const reports: ExecReport[] = [];
    for (const input of job.inputs) {
      const timesMs: number[] = [];
      let error: string | undefined;
      let result: unknown;
      for (let r = 0; r < job.repeats; r++) {
        const run = exec.run(input);
        timesMs.push(run.timeMs);
        result = run.result;
        if (run.error !== undefined) error = String((run.error as Error)?.stack ?? run.error);
      }
      const counters = Array.from(registry.counters.subarray(0, registry.used));
      const report: ExecReport = { work: registry.work(), timesMs, error, counters, lines: lineHits(registry) };
      if (job.returnResults) report.result = result;
      reports.push(report);
    }
    send({ type: 'exec-done', reports });
    return;
  }
  const engine = new Engine(target, registry, {
    ...job.options,
    shouldStop: () => stopRequested,
    onKeep: (entry, reasons) => {
      const { held: _held, ...rest } = entry;
      send({ type: 'keep', entry: rest, reasons });
    },
    onStatus: (status) => send({ type: 'status', status }),
  });
  const { entries: _entries, ...result } = await engine.run();
  send({ type: 'fuzz-done', result });
}

main().catch((e: unknown) => {
  send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
});
