import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import type { ProbeRegistry } from '../instrument/registry.js';
import type { Target } from '../target/load.js';
import { rebuildValue } from './clone.js';
import { checkJsonInputs } from './json-contract.js';
import { Executor } from './executor.js';
import { Feedback, NEW_NICHE, NEW_TIME, SEED } from './feedback.js';
import { magnitudeNiche } from './niche.js';
import { havoc } from './mutate/index.js';
import { inferShape } from './mutate/infer.js';
import { stretchToBudget } from './mutate/budget.js';
import { openAlphabets } from './mutate/open-alphabet.js';
import type { SourceRegex } from '../instrument/probe-kinds.js';
import type { Cost } from './growth-search.js';
import { PumpSearch, type GrowthFinding } from './pump-search.js';
import { SmallRounds, SMALL_ROUNDS_FROM } from './small-rounds.js';
import type { TracedArg } from '../instrument/regex-taps.js';
import { regexKey, type RegexHint } from './regex-hints.js';
import { textSlot, type TextSlot } from './text-slot.js';
import type { Dictionary, Shape } from './mutate/shape.js';
import { Rng } from './rng.js';
import { Scheduler, type Entry } from './scheduler.js';

/** `random`: fast-check sampling only; `coverage`: keep new probes only; `wedge`: full cost feedback. */
export type SearchMode = 'random' | 'coverage' | 'wedge';

export interface EngineOptions {
  mode: SearchMode;
  seed: number;
  /** Stop after this long (ms) or this many executions, whichever comes first. */
  timeMs?: number;
  execs?: number;
  /** Keep inputs that set a confirmed new maximum wall time (off for exact reproducibility). */
  timeFeedback: boolean;
  /** Inputs from an existing corpus, run before the fresh samples. */
  initial?: unknown[];
  /** Number of fresh samples of the arbitrary at size 'max'. */
  seedCount?: number;
  /** Keep a uniform sample of this many executed inputs (for throughput comparisons). */
  reservoir?: number;
  /** Told of each input before it runs, so a hang or crash can be attributed to it. */
  watch?: { begin(input: unknown): void; end(): void };
  onKeep?: (entry: Entry, reasons: number) => void;
  onStatus?: (status: EngineStatus) => void;
  /** The first input of each distinct error the target throws. */
  onError?: (key: string, input: unknown) => void;
  /** Told of the regexes the target compiled since the last call (for analysis off this thread). */
  onRegexes?: (regexes: SourceRegex[]) => void;
  /** Regex attacks known before this worker started (a replacement's): tokens and patterns, not re-run at the budget. */
  hints?: RegexHint[];
  /** Inputs not to run again as regex attacks (a replacement's: what hung or ran out of memory before). */
  skipInputs?: unknown[];
  /** Polled between batches; true ends the campaign early. */
  shouldStop?: () => boolean;
}

export interface ProgressPoint {
  tMs: number;
  execs: number;
  bestWork: number;
  bestTimeMs: number;
}

export interface EngineStatus {
  elapsedMs: number;
  execs: number;
  execsPerSec: number;
  corpus: number;
  bestWork: number;
  bestTimeMs: number;
  covered: number;
  probes: number;
  errors: number;
  rejected: number;
  lastFindMs: number;
  /** The fastest-growing pumped pattern so far: sent at once when found, since the pumped input may hang. */
  growth?: GrowthFinding;
  /** Watched regexes (see regex-taps) that some execution ran, by flags + '/' + source. */
  regexReached?: string[];
}

export interface EngineResult extends EngineStatus {
  bestWorkInput: unknown;
  bestTimeInput: unknown;
  entries: Entry[];
  progress: ProgressPoint[];
  errorGroups: Record<string, number>;
  /** A uniform sample of the executed inputs, when asked for. */
  executedSample?: unknown[];
  /** Characters the open alphabets took from the instrumented source. */
  sourceChars?: string[];
  /** The fastest-growing pumped pattern growth-guided search measured. */
  growth?: GrowthFinding;
  growthProbes?: { probes: number; superlinear: number };
}

const SAMPLE_BATCH = 512;
const FRESH_SHARE = 0.1;
const STATUS_EVERY_MS = 250;
/** Share of a time budget fresh seeds may take, and how many run whatever the time. */
const SEED_SHARE = 0.1;
const MIN_SEEDS = 8;
/** Text budgets from this length on also get this many short seeds of at most SHORT_SEED_LEN. */
const SHORT_SEEDS_FROM = 1024;
const SHORT_SEEDS = 32;
const SHORT_SEED_LEN = 256;

/** Distinct error groups kept, and the length of a group's message: messages that quote the input would make one group per input. */
const MAX_ERROR_GROUPS = 200;
const MAX_ERROR_KEY = 500;
export const OTHER_ERRORS = '(other errors: more distinct messages than are kept)';

function errorGroupKey(error: unknown, known: Record<string, number>, groups: number): string {
  let key: string;
  try {
    key = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    key = '(an error that cannot be shown)';
  }
  if (key.length > MAX_ERROR_KEY) key = key.slice(0, MAX_ERROR_KEY) + '…';
  return groups >= MAX_ERROR_GROUPS && !(key in known) ? OTHER_ERRORS : key;
}

/** How many mutations to stack: mostly one or two, sometimes a big jump (AFL's havoc, lighter). */
function stackDepth(rng: Rng): number {
  const r = rng.u32() & 15;
  return r < 8 ? 1 : r < 12 ? 2 : r < 14 ? 4 : 8;
}

/** The search loop of one worker over one instrumented copy of the target. */
export class Engine {
  private readonly rng: Rng;
  private readonly exec: Executor;
  private readonly feedback: Feedback;
  private readonly scheduler = new Scheduler();
  private readonly dictionary: Dictionary;
  private shape!: Shape;
  private start = 0;
  private execs = 0;
  private rejected = 0;
  private errors = 0;
  private errorGroups: Record<string, number> = {};
  private errorGroupCount = 0;
  private lastFind = 0;
  /** Best over every execution (not only kept ones): what a mode "found". */
  private best = { work: -1, input: undefined as unknown, timeMs: 0, timeInput: undefined as unknown };
  private progress: ProgressPoint[] = [];
  private sampleBatch = 0;
  private samples: unknown[] = [];
  private sampleAt = 0;
  private executedSample: unknown[] = [];
  private imports: unknown[] = [];
  private readonly reservoirRng = new Rng(0x5eed);
  private shapeSamples: unknown[] = [];
  private charsSeen = 0;
  /** Work and time of the last execution. */
  private readonly last = { work: 0, timeMs: 0 };
  private slot?: TextSlot;
  private pumps?: PumpSearch;
  private smallRounds?: SmallRounds;
  private readonly hints: { h: RegexHint; direct: boolean }[] = [];
  /** Texts of inputs that hung before (see skipInputs): regex attacks equal to one are not run again. */
  private readonly skipTexts = new Set<string>();
  /** Characters the open alphabets took from the source. */
  private sourceChars: string[] = [];
  /** Inputs are a few numbers: magnitude niches apply. */
  private scalarInputs = false;

  constructor(
    private readonly target: Target,
    private readonly registry: ProbeRegistry,
    private readonly opts: EngineOptions,
  ) {
    this.rng = new Rng(opts.seed);
    this.exec = new Executor(target.fn, registry, target.size);
    this.feedback = new Feedback(opts.mode === 'coverage' ? 'coverage' : 'wedge', registry.counters.length);
    this.dictionary = { strings: [...registry.dictionary.strings], numbers: [...registry.dictionary.numbers] };
    if (opts.hints) this.addHints(opts.hints);
  }

  private nextSample(): unknown {
    if (this.sampleAt >= this.samples.length) {
      this.samples = fc.sample(this.target.input, { numRuns: SAMPLE_BATCH, seed: (this.opts.seed + 7919 * this.sampleBatch++) | 0 }).map(rebuildValue);
      this.sampleAt = 0;
    }
    return this.samples[this.sampleAt++];
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

  /** Queues inputs another worker kept; they run between batches. */
  importInputs(inputs: unknown[]): void {
    // Structured-cloned arrays arrive in a slow elements kind; rebuilt, they run at full speed.
    for (const x of inputs) this.imports.push(rebuildValue(x));
  }

  /** Checks budget and precondition, then runs the input; the watch sees the input first. */
  private tryInput(input: unknown, extraFlags = 0): boolean {
    this.opts.watch?.begin(input);
    const ran = this.fits(input);
    if (ran) this.evaluate(input, extraFlags);
    else this.rejected++;
    this.opts.watch?.end();
    return ran;
  }

  /** Runs an input through the search, then twice more for its least time (one slow call is often a GC pause). */
  private measureCost(input: unknown): Cost | undefined {
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
  private traceRegexArgs(input: unknown): TracedArg[] {
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
      const key = errorGroupKey(run.error, this.errorGroups, this.errorGroupCount);
      const seen = this.errorGroups[key] ?? 0;
      if (seen === 0) this.errorGroupCount++;
      this.errorGroups[key] = seen + 1;
      if (seen === 0) this.opts.onError?.(key, input);
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
    if (this.opts.mode === 'random') return;
    const niche = this.scalarInputs ? magnitudeNiche(input) : -1;
    if (this.feedback.newNiche(niche, work)) flags |= NEW_NICHE;
    if (flags !== 0) this.keep(input, work, timeMs, flags, niche);
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

  private recordProgress(): void {
    this.progress.push({
      tMs: performance.now() - this.start,
      execs: this.execs,
      bestWork: this.best.work,
      bestTimeMs: this.best.timeMs,
    });
  }

  status(): EngineStatus {
    const elapsedMs = performance.now() - this.start;
    return {
      elapsedMs,
      execs: this.execs,
      execsPerSec: elapsedMs > 0 ? (this.execs * 1000) / elapsedMs : 0,
      corpus: this.scheduler.entries.length,
      bestWork: this.best.work,
      bestTimeMs: this.best.timeMs,
      covered: this.feedback.covered,
      probes: this.registry.used,
      errors: this.errors,
      rejected: this.rejected,
      lastFindMs: this.lastFind,
      growth: this.pumps?.best,
      regexReached: this.registry.taps.calls.size > 0 ? [...this.registry.taps.calls.keys()] : undefined,
    };
  }

  /** Whether `n` more executions fit in the execution budget (`--execs N` runs exactly N). */
  private canRun(n: number): boolean {
    return this.opts.execs === undefined || this.execs + n <= this.opts.execs;
  }

  private done(): boolean {
    const o = this.opts;
    if (!this.canRun(1)) return true;
    if (o.timeMs !== undefined && performance.now() - this.start >= o.timeMs) return true;
    return o.shouldStop?.() ?? false;
  }

  async run(): Promise<EngineResult> {
    this.start = performance.now();
    const seedCount = this.opts.seedCount ?? 128;
    const fresh: unknown[] = [];
    for (let i = 0; i < seedCount; i++) fresh.push(this.nextSample());
    // The shape is inferred from many samples so ranges and alphabets are seen whole.
    const shapeSamples = [...fresh];
    for (let i = 0; i < 256; i++) shapeSamples.push(this.nextSample());
    // Inputs are stored and replayed as JSON: a value JSON alters would be searched as one input and replayed as another.
    checkJsonInputs(shapeSamples, this.target.id);
    this.shapeSamples = shapeSamples;
    this.scalarInputs = shapeSamples.every((x) => magnitudeNiche(x) >= 0);
    this.sampleAt = this.samples.length; // random mode continues with unseen samples

    const initial = (this.opts.initial ?? []).map(rebuildValue);
    // Fresh seeds at a long budget can take seconds each: they get a share of the time, not all of it.
    const seedUntil = this.opts.timeMs !== undefined ? this.start + Math.max(1000, this.opts.timeMs * SEED_SHARE) : Infinity;
    this.reportRegexes();
    let ran = 0;
    for (const input of [...initial, ...fresh]) {
      if (this.done()) break;
      if (ran >= initial.length + MIN_SEEDS && performance.now() > seedUntil) break;
      this.tryInput(input, this.opts.mode === 'random' ? 0 : SEED);
      if (++ran % 8 === 0) this.reportRegexes();
    }
    // Seeds have run, so lazily loaded modules are in: their literals and characters count too.
    this.settleShape();
    this.shortSeeds(fresh);
    // With the budget spent before any seed ran (a replacement started late) there is nothing to report.
    if (this.opts.mode !== 'random' && this.scheduler.entries.length === 0 && !this.done()) {
      throw new Error('no seed input could run: every sample failed size/validate or the corpus is empty');
    }

    let lastStatus = performance.now();
    while (!this.done()) {
      const batchEnd = performance.now() + 50;
      while (performance.now() < batchEnd && !this.done()) {
        if (this.opts.mode === 'random') {
          for (let k = 0; k < 64; k++) this.tryInput(this.nextSample());
          continue;
        }
        const small = this.smallRounds;
        if (!small) {
          this.mutateFrom(this.scheduler.next(this.rng));
          continue;
        }
        const t0 = performance.now();
        const isSmall = small.wanted(this.scheduler.entries);
        this.mutateFrom(isSmall ? small.pick(this.rng) : this.scheduler.next(this.rng), isSmall ? small : undefined);
        small.spent(performance.now() - t0, isSmall);
      }
      // Inputs found by other workers: run here so this worker's maxima learn from them.
      for (const input of this.imports.splice(0)) {
        if (!this.canRun(1)) break;
        this.tryInput(input);
      }
      this.patternStep();
      if (performance.now() - lastStatus >= STATUS_EVERY_MS) {
        lastStatus = performance.now();
        this.opts.onStatus?.(this.status());
      }
      // Let the worker's message port deliver a stop request.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.recordProgress();
    return {
      ...this.status(),
      bestWorkInput: this.best.input,
      bestTimeInput: this.best.timeInput,
      entries: this.scheduler.entries,
      progress: this.progress,
      errorGroups: this.errorGroups,
      executedSample: this.opts.reservoir ? this.executedSample : undefined,
      sourceChars: this.sourceChars,
      growth: this.pumps?.best,
      growthProbes: this.pumps ? { probes: this.pumps.probes, superlinear: this.pumps.superlinear } : undefined,
    };
  }

  /**
   * The shape the mutators work in: lengths up to the declared budget, general alphabets opened
   * to the source's characters; and the dictionary of source tokens, read again from the registry.
   */
  private settleShape(): void {
    const t = this.target;
    const stretched = stretchToBudget(inferShape(this.shapeSamples), this.shapeSamples, t.size, t.maxSize);
    const opened = openAlphabets(stretched, this.registry.dictionary.chars, this.opts.mode === 'random' ? 'closed' : t.alphabet);
    this.shape = opened.shape;
    this.sourceChars = opened.added;
    this.charsSeen = this.registry.dictionary.chars.size;
    const slot = textSlot(this.shape);
    if (slot) this.slot = slot;
    if (slot) for (const x of this.opts.skipInputs ?? []) this.skipTexts.add(slot.get(x) ?? '');
    if (slot && !this.smallRounds && this.opts.mode !== 'random' && slot.maxLen >= SMALL_ROUNDS_FROM) this.smallRounds = new SmallRounds(slot);
    if (slot && !this.pumps) {
      const engine = this;
      this.pumps = new PumpSearch({
        rng: this.rng,
        get slot() {
          return engine.slot!;
        },
        // Growth probes and candidates count against an execution budget like any other run.
        measure: (x) => (this.canRun(1) ? this.measureCost(x) : undefined),
        offer: (x) => void (this.canRun(1) && this.tryInput(x)),
        pickBase: () => {
          const s = this.scheduler;
          const r = this.rng.float();
          const e = r < 0.25 ? s.bestTime : r < 0.5 ? s.bestWork : undefined;
          return (e ?? s.next(this.rng)).value;
        },
        tokens: () => this.dictionary.strings,
        skip: (x) => this.skipTexts.has(this.slot?.get(x) ?? ''),
        chars: () => this.sourceChars,
        trace: (x) => this.traceRegexArgs(x),
        found: () => this.opts.onStatus?.(this.status()),
      });
    }
    this.dictionary.strings = [...this.registry.dictionary.strings];
    this.dictionary.numbers = [...this.registry.dictionary.numbers];
  }

  /** Queues regex attacks found by the analysis; `direct` also runs each pumped to the budget. */
  addHints(hints: RegexHint[], direct = true): void {
    for (const h of hints) this.hints.push({ h, direct });
    this.registry.taps.watch(hints.map(regexKey));
  }

  /**
   * With a long text budget, seeds drawn at the budget are slow to run and slow to explore
   * from; short cuts of them are cheap, so structure (coverage, patterns to pump) is found
   * where executions cost little, and the mutators grow what pays.
   */
  private shortSeeds(fresh: unknown[]): void {
    const slot = this.slot;
    if (this.opts.mode === 'random' || !slot || slot.maxLen < SHORT_SEEDS_FROM) return;
    for (let i = 0; i < SHORT_SEEDS && i < fresh.length; i++) {
      if (this.done()) return;
      const text = slot.get(fresh[i]);
      if (text === undefined || text.length <= SHORT_SEED_LEN) continue;
      this.tryInput(slot.set(fresh[i], text.slice(0, this.rng.range(8, SHORT_SEED_LEN))), SEED);
    }
  }

  /** Regexes compiled since the last report go to the main thread for analysis. */
  private reportRegexes(): void {
    if (this.opts.mode === 'random') return;
    const fresh = this.registry.takeNewRegexes();
    if (fresh.length > 0) this.opts.onRegexes?.(fresh);
  }

  /**
   * Between batches: report newly compiled regexes, take in regex attacks (tokens, characters,
   * candidates) and give growth-guided search its share of time.
   */
  private patternStep(): void {
    if (this.opts.mode === 'random') return;
    this.reportRegexes();
    if (this.hints.length > 0) {
      const chars = this.registry.dictionary.chars;
      const before = chars.size;
      for (const { h } of this.hints) {
        const parts = [...h.pumps.flatMap((p) => [p.prefix, p.pump, p.pump.repeat(4)]), h.suffix].filter((x) => x.length > 0 && x.length <= 64);
        for (const x of parts) {
          this.registry.dictionary.strings.add(x);
          for (const c of x) chars.add(c);
        }
      }
      if (chars.size !== before || this.dictionary.strings.length !== this.registry.dictionary.strings.size) this.settleShape();
      for (const { h, direct } of this.hints.splice(0)) this.pumps?.addHint(h, direct);
    } else if (this.registry.dictionary.chars.size !== this.charsSeen) {
      this.settleShape(); // a lazily loaded module or a regex built at run time brought characters
    }
    if (this.opts.mode === 'wedge') this.pumps?.step();
  }

  /** A round of mutations of one parent (AFL's "energy"). */
  private mutateFrom(parent: Entry, small?: SmallRounds): void {
    const rng = this.rng;
    const entries = this.scheduler.entries;
    const rounds = 32;
    for (let k = 0; k < rounds; k++) {
      if (!this.canRun(1)) return;
      // A share of fresh samples keeps the search from being narrower than sampling: needles
      // (one magic number) are found by breadth, not by climbing.
      const mutant = rng.chance(FRESH_SHARE)
        ? this.nextSample()
        : havoc(parent.value, this.shape, { rng, dictionary: this.dictionary, donor: entries[rng.int(entries.length)]!.value }, stackDepth(rng));
      const child = small ? small.clip(mutant) : mutant;
      const before = this.best.work;
      this.tryInput(child);
      if (small) continue;
      // Follow a climbing input while it keeps improving.
      if (this.best.work > before && this.scheduler.bestWork && this.scheduler.bestWork.work === this.best.work) {
        parent = this.scheduler.bestWork;
      }
    }
  }
}

