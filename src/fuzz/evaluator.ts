import { performance } from 'node:perf_hooks';
import type { ProbeRegistry } from '../instrument/registry.js';
import type { TracedArg } from '../instrument/regex-taps.js';
import type { Target } from '../target/load.js';
import type { EngineOptions, ProgressPoint } from './engine-types.js';
import { ErrorGroups } from './error-groups.js';
import { Executor } from './executor.js';
import { Feedback, NEW_NICHE, NEW_TIME, SEED } from './feedback.js';
import type { Cost } from './growth-search.js';
import { magnitudeNiche } from './niche.js';
import { Rng } from './rng.js';
import { Scheduler, type Entry } from './scheduler.js';

/**
 * Runs the inputs the engine chooses, within the budgets, and keeps those the feedback asks
 * for: the counts, bests and corpus of one engine.
 */
export class Evaluator {
  readonly exec: Executor;
  readonly feedback: Feedback;
  readonly scheduler = new Scheduler();
  start = 0;
  execs = 0;
  rejected = 0;
  errors = 0;
  readonly errorGroups = new ErrorGroups();
  lastFind = 0;
  /** Best over every execution (not only kept ones): what a mode "found". */
  readonly best = { work: -1, input: undefined as unknown, timeMs: 0, timeInput: undefined as unknown };
  readonly progress: ProgressPoint[] = [];
  readonly executedSample: unknown[] = [];
  private readonly reservoirRng = new Rng(0x5eed);
  /** Work and time of the last execution. */
  readonly last = { work: 0, timeMs: 0, kept: false };
  /** Inputs are a few numbers: magnitude niches apply. */
  scalarInputs = false;

  constructor(
    private readonly target: Target,
    private readonly registry: ProbeRegistry,
    private readonly opts: EngineOptions,
  ) {
    this.exec = new Executor(target.fn, registry, target.size);
    this.feedback = new Feedback(opts.mode === 'coverage' ? 'coverage' : 'wedge', registry.counters.length);
  }

  private fits(input: unknown): boolean {
    const t = this.target;
    try {
      if (!(t.size(input) <= t.maxSize)) return false;
      return !t.validate || t.validate(input) === true;
    } catch {
      return false;
    }
  }

  /** Checks budget and precondition, then runs the input; the watch sees the input first. */
  tryInput(input: unknown, extraFlags = 0): boolean {
    this.opts.watch?.begin(input);
    const ran = this.fits(input);
    if (ran) this.evaluate(input, extraFlags);
    else this.rejected++;
    this.opts.watch?.end();
    return ran;
  }

  /** Runs an input through the search, then twice more for its least time (one slow call is often a GC pause). */
  measureCost(input: unknown): Cost | undefined {
    if (!this.tryInput(input)) return undefined;
    const cost: Cost = { work: this.last.work, timeMs: this.last.timeMs };
    if (!this.canRun(2)) return cost;
    this.opts.watch?.begin(input);
    const timeMs = Math.min(cost.timeMs, this.exec.run(input).timeMs, this.exec.run(input).timeMs);
    this.opts.watch?.end();
    this.execs += 2;
    return { work: cost.work, timeMs };
  }

  /** Runs an input once, noting the strings watched regexes run on (see regex-taps). */
  traceRegexArgs(input: unknown): TracedArg[] {
    if (!this.canRun(1)) return [];
    this.registry.taps.beginTrace();
    this.opts.watch?.begin(input);
    try {
      this.exec.run(input);
    } finally {
      this.opts.watch?.end();
      this.execs++;
    }
    return this.registry.taps.endTrace();
  }

  /** Runs one input and keeps it when the feedback says so. */
  private evaluate(input: unknown, extraFlags: number): void {
    const registry = this.registry;
    const run = this.exec.run(input);
    this.execs++;
    const k = this.opts.reservoir;
    if (k) {
      if (this.executedSample.length < k) this.executedSample.push(input);
      else {
        const j = this.reservoirRng.int(this.execs);
        if (j < k) this.executedSample[j] = input;
      }
    }
    if (run.error !== undefined) {
      this.errors++;
      const firstOfGroup = this.errorGroups.add(run.error);
      if (firstOfGroup !== undefined) this.opts.onError?.(firstOfGroup, input);
    }
    const notWork = registry.constraintProbes.length > 0 ? registry.constraintProbes : undefined;
    const { work, flags: found } = this.feedback.check(registry.counters, registry.used, notWork);
    let flags = found | extraFlags;
    let timeMs = run.timeMs;
    if (work > this.best.work) {
      this.best.work = work;
      this.best.input = input;
      this.recordProgress();
    }
    if (this.opts.timeFeedback && timeMs > this.best.timeMs && this.canRun(2)) {
      // Confirm with re-runs: one slow call is often a GC pause, not the input.
      timeMs = Math.min(timeMs, this.exec.run(input).timeMs, this.exec.run(input).timeMs);
      this.execs += 2;
      if (timeMs > this.best.timeMs) {
        this.best.timeMs = timeMs;
        this.best.timeInput = input;
        flags |= NEW_TIME;
        this.recordProgress();
      }
    }
    // Read by growth probes; fields, not a fresh object: this runs on every execution.
    this.last.work = work;
    this.last.timeMs = timeMs;
    this.last.kept = false;
    if (this.opts.mode === 'random') return;
    const niche = this.scalarInputs ? magnitudeNiche(input) : -1;
    if (this.feedback.newNiche(niche, work)) flags |= NEW_NICHE;
    if (flags !== 0) {
      this.keep(input, work, timeMs, flags, niche);
      this.last.kept = true;
    }
  }

  private keep(input: unknown, work: number, timeMs: number, flags: number, niche: number): void {
    const index = this.scheduler.entries.length;
    const elapsed = performance.now() - this.start;
    const entry: Entry = { index, value: input, size: this.target.size(input), work, timeMs, flags, held: 0, foundAtMs: elapsed };
    if (this.registry.constraintIds.size > 0) entry.satisfies = this.satisfied();
    const lost = (prev: number) => this.scheduler.lostMax(prev);
    entry.held = this.feedback.commit(this.registry.counters, this.registry.used, work, index, lost);
    if (flags & NEW_NICHE) {
      const prev = this.feedback.commitNiche(niche, work, index);
      if (prev >= 0) lost(prev);
      entry.held++;
    }
    this.scheduler.add(entry);
    if (flags & NEW_TIME) this.scheduler.setBestTime(entry);
    if (!(flags & SEED)) this.lastFind = elapsed;
    this.opts.onKeep?.(entry, flags);
  }

  /** The constraints the last execution made true at least once. */
  private satisfied(): string[] {
    const c = this.registry.counters;
    const out: string[] = [];
    for (const [id, probe] of this.registry.constraintIds) if (c[probe]! > 0) out.push(id);
    return out;
  }

  recordProgress(): void {
    this.progress.push({
      tMs: performance.now() - this.start,
      execs: this.execs,
      bestWork: this.best.work,
      bestTimeMs: this.best.timeMs,
    });
  }

  /** Whether `n` more executions fit in the execution budget (`--execs N` runs exactly N). */
  canRun(n: number): boolean {
    return this.opts.execs === undefined || this.execs + n <= this.opts.execs;
  }

  done(): boolean {
    const o = this.opts;
    if (!this.canRun(1)) return true;
    if (o.timeMs !== undefined && performance.now() - this.start >= o.timeMs) return true;
    return o.shouldStop?.() ?? false;
  }
}
