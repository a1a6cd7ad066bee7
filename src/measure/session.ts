import { fork, type ChildProcess } from 'node:child_process';
import type { Target } from '../target/load.js';
import type { MeasureProgress, MeasureRequest, MeasureResponse, SampleSet, TimingOptions, TimingResult, WorkResult } from './protocol.js';

const ENTRY = new URL('./child-entry.mjs', import.meta.url);

/** A request that did not answer within its limit; the process was ended (it may be stuck in a call). */
export class RunTimeout extends Error {
  constructor(readonly limitMs: number) {
    super(`no answer within ${limitMs} ms`);
    this.name = 'RunTimeout';
  }
}

/**
 * A fresh Node process holding one instrumented copy of the target, asked one thing at a time.
 * Verification's timing starts its own, so its figures inherit no other measurement's JIT state;
 * minimization and growth follow in it once those are taken (in a new one after an input was
 * stopped at its limit).
 */
export class MeasureSession {
  private next = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (p: MeasureProgress) => void }>();
  private stderr = '';
  private exited = false;
  /**
   * When set, a request ends the process (RunTimeout) once it runs longer than this per call it
   * makes: for inputs derived from a finding, which can run far longer than the finding.
   */
  runLimitMs?: number;

  private constructor(
    private readonly child: ChildProcess,
    readonly target: Target,
  ) {}

  static async start(target: Target): Promise<MeasureSession> {
    const child = fork(ENTRY, [], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], cwd: process.cwd() });
    const s = new MeasureSession(child, target);
    child.stderr!.on('data', (d: Buffer) => {
      // Kept for the error message if the process dies; the tail is what explains it.
      s.stderr = (s.stderr + d.toString()).slice(-4000);
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (m: MeasureResponse) => {
        if (m.type === 'ready') return resolve();
        const p = s.pending.get(m.id);
        if (!p) return;
        if (m.type === 'progress') return p.progress?.(m);
        s.pending.delete(m.id);
        if (m.type === 'result') p.resolve(m.result);
        else p.reject(new Error(`${target.file}: ${m.message}`));
      });
      child.on('error', (e) => reject(new Error(`${target.file}: cannot start the measurement process: ${e.message}`)));
      child.on('exit', (code, signal) => {
        s.exited = true;
        const why = new Error(`${target.file}: the measurement process ended (${signal ?? `exit ${code}`})${s.stderr ? `:\n${s.stderr.trim()}` : ''}`);
        reject(why);
        for (const p of s.pending.values()) p.reject(why);
        s.pending.clear();
      });
    });
    await ready;
    await s.request({ type: 'init', targetFile: target.file, globs: target.instrument, baseDir: target.dir });
    return s;
  }

  private request(request: MeasureRequest, limitMs?: number, progress?: (p: MeasureProgress) => void): Promise<unknown> {
    if (this.exited) return Promise.reject(new Error(`${this.target.file}: the measurement process has ended`));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      // A synchronous call cannot be interrupted: past the limit, the process is ended.
      const timer =
        limitMs === undefined
          ? undefined
          : setTimeout(() => {
              this.pending.delete(id);
              this.close();
              reject(new RunTimeout(limitMs));
            }, limitMs);
      const settle = () => clearTimeout(timer);
      this.pending.set(id, { resolve: (v) => (settle(), resolve(v)), reject: (e) => (settle(), reject(e)), progress });
      this.child.send({ id, request });
    });
  }

  sample(o: { sizes: number[]; perSize: number; maxDraws: number; seed: number }): Promise<SampleSet[]> {
    return this.request({ type: 'sample', ...o }) as Promise<SampleSet[]>;
  }

  work(inputs: unknown[], lines = false): Promise<WorkResult[]> {
    const limit = this.runLimitMs === undefined ? undefined : inputs.length * this.runLimitMs;
    return this.request({ type: 'work', inputs, lines }, limit) as Promise<WorkResult[]>;
  }

  /** One run of one input; rejects with RunTimeout (and ends this process) when it runs past `limitMs`. */
  async workWithin(input: unknown, limitMs: number): Promise<WorkResult> {
    const [r] = (await this.request({ type: 'work', inputs: [input] }, limitMs)) as WorkResult[];
    return r!;
  }

  /** `progress` hears how far the timing has got (about once a second): verification of many inputs takes a while. */
  time(inputs: unknown[], options: TimingOptions, progress?: (p: MeasureProgress) => void): Promise<TimingResult[]> {
    // Each input: warm-up calls, then its runs (one call each when calls are slow); twice the
    // measured times for what is not measured (copies of the input, batching overshoot).
    const each = this.runLimitMs === undefined ? undefined : 2 * (options.warmupMs + options.minTotalMs) + (options.minRuns + 2) * this.runLimitMs;
    return this.request({ type: 'time', inputs, options }, each === undefined ? undefined : inputs.length * each, progress) as Promise<TimingResult[]>;
  }

  close(): void {
    if (!this.exited) this.child.kill();
  }
}

/** Runs `f` with a fresh session and always ends the process. */
export async function withSession<T>(target: Target, f: (s: MeasureSession) => Promise<T>): Promise<T> {
  const s = await MeasureSession.start(target);
  try {
    return await f(s);
  } finally {
    s.close();
  }
}
