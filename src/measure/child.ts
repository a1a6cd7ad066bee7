/**
 * The measurement process: a fresh Node process holding one instrumented copy of the target,
 * started by MeasureSession. Nothing else runs here, so timings see no fuzzer, no other
 * worker and no leftover JIT state from a campaign.
 */
import { readFileSync } from 'node:fs';
import { guardProcessExit } from '../runtime/target-guards.js';
import { performance } from 'node:perf_hooks';
import type { ProbeRegistry } from '../instrument/registry.js';
import { bootTarget, checkInstrumented } from '../runtime/boot.js';
import { cloneInput } from '../runtime/clone.js';
import { lineHits } from '../runtime/line-hits.js';
import type { Target } from '../target/load.js';
import type { MeasureEnvelope, MeasureProgress, MeasureRequest, MeasureResponse, TimingResult, WorkResult } from './protocol.js';
import { sampleAtSizes } from './sample-at-size.js';
import { timeRepeated } from './timing.js';

const send = (m: MeasureResponse) => process.send!(m);
let target: Target | undefined;
let registry: ProbeRegistry | undefined;
let init: Extract<MeasureRequest, { type: 'init' }> | undefined;

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** One call with fresh counters; the counters stay readable afterwards. */
function runOnce(input: unknown): { timeMs: number; error?: string } {
  registry!.reset();
  const arg = cloneInput(input);
  const t0 = performance.now();
  try {
    target!.fn(arg);
  } catch (e) {
    return { timeMs: performance.now() - t0, error: errorText(e) };
  }
  return { timeMs: performance.now() - t0 };
}

/** Progress goes to the parent at most this often: a round of fast inputs takes milliseconds. */
const PROGRESS_EVERY_MS = 1000;

/** A progress reporter for request `id`, throttled; the first warm-up and the last round always go. */
function progressOf(id: number): (p: MeasureProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    const edge = p.warmed === 1 || p.done === p.total;
    if (!edge && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    send({ type: 'progress', id, ...p });
  };
}

async function handle(r: MeasureRequest, id = -1): Promise<unknown> {
  if (r.type === 'init') {
    // Booted as the fuzz workers boot it, without constraint probes.
    ({ target, registry } = await bootTarget({ targetFile: r.targetFile, globs: r.globs, baseDir: r.baseDir }));
    init = r;
    // Checked after the first run instead: a module `fn` requires lazily loads only then.
    return { probes: registry.used };
  }
  if (!target || !registry || !init) throw new Error('the measurement process was not initialised');
  const result = await run(r, id);
  if (r.type !== 'sample') await checkInstrumented(registry, init);
  return result;
}

async function run(r: Exclude<MeasureRequest, { type: 'init' }>, id: number): Promise<unknown> {
  if (!target || !registry) throw new Error('the measurement process was not initialised');
  switch (r.type) {
    case 'sample':
      return sampleAtSizes(target.input, target.size, target.validate, r);
    case 'work':
      return r.inputs.map((input): WorkResult => {
        const run = runOnce(input);
        return { work: registry!.work(), timeMs: run.timeMs, error: run.error, lines: r.lines ? lineHits(registry!) : undefined };
      });
    case 'time': {
      const works = r.inputs.map((input) => ({ ...runOnce(input), work: registry!.work() }));
      const fn = target.fn;
      const timings = timeRepeated(
        r.inputs.map((input) => {
          // A primitive needs no copy; anything else gets a fresh one per call, made before the
          // clock starts, in an array reused across runs: a run times the target and nothing else.
          const primitive = typeof input !== 'object' || input === null;
          const args: unknown[] = [];
          return (calls: number) => {
            if (!primitive) for (let i = 0; i < calls; i++) args[i] = cloneInput(input);
            registry!.reset();
            const t0 = performance.now();
            for (let i = 0; i < calls; i++) {
              try {
                fn(primitive ? input : args[i]);
              } catch {
                // A throwing input is timed like any other; its error is reported from the first run.
              }
            }
            return performance.now() - t0;
          };
        }),
        r.options,
        id >= 0 ? progressOf(id) : undefined,
      );
      return timings.map((t, i): TimingResult => ({ ...t, work: works[i]!.work, error: works[i]!.error }));
    }
  }
}

/** Under `perf stat`: run one input a given number of times and exit (see perf-instructions.ts). */
async function oneShot(jobFile: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as { targetFile: string; globs: string[]; baseDir: string; input: unknown; calls: number };
  await handle({ type: 'init', targetFile: job.targetFile, globs: job.globs, baseDir: job.baseDir });
  for (let i = 0; i < job.calls; i++) runOnce(job.input);
}

// The target may call process.exit or leave a rejected promise: in this process that would end
// the measurement with nothing reported, so each becomes an error of that run (as in the workers).
const exit = process.exit.bind(process);
guardProcessExit();
process.on('unhandledRejection', () => {});

const oneShotJob = process.env.WEDGE_MEASURE_ONESHOT;
if (oneShotJob) {
  await oneShot(oneShotJob);
  exit(0);
}

process.on('message', (m: MeasureEnvelope) => {
  handle(m.request, m.id).then(
    (result) => send({ type: 'result', id: m.id, result }),
    (e: unknown) => send({ type: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) }),
  );
});
process.on('disconnect', () => exit(0));
send({ type: 'ready' });
