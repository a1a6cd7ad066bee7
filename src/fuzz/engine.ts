import { performance } from 'node:perf_hooks';
import type { ProbeRegistry } from '../instrument/registry.js';
import type { Target } from '../target/load.js';
import { rebuildValue } from './clone.js';
import { checkJsonInputs } from './json-contract.js';
import { SEED } from './feedback.js';
import { magnitudeNiche } from './niche.js';
import { havoc } from './mutate/index.js';
import { inferShape } from './mutate/infer.js';
import { stretchToBudget } from './mutate/budget.js';
import { openAlphabets } from './mutate/open-alphabet.js';
import { PumpSearch } from './pump-search.js';
import { SmallRounds, SMALL_ROUNDS_FROM } from './small-rounds.js';
import { regexKey, type RegexHint } from './regex-hints.js';
import { textSlot, type TextSlot } from './text-slot.js';
import type { Dictionary, Shape } from './mutate/shape.js';
import { Rng } from './rng.js';
import type { Entry } from './scheduler.js';
import type { EngineOptions, EngineResult, EngineStatus } from './engine-types.js';
import { Evaluator } from './evaluator.js';
import { SampleBatches } from './sample-batches.js';

const FRESH_SHARE = 0.1;
const STATUS_EVERY_MS = 250;
/** Share of a time budget fresh seeds may take, and how many run whatever the time. */
const SEED_SHARE = 0.1;
const MIN_SEEDS = 8;
/** Text budgets from this length on also get this many short seeds of at most SHORT_SEED_LEN. */
const SHORT_SEEDS_FROM = 1024;
const SHORT_SEEDS = 32;
const SHORT_SEED_LEN = 256;
/** Fresh samples tried as seeds (unless opts.seedCount says), and further samples the shape (ranges, alphabets) is inferred from with them. */
const SEED_COUNT = 128;
const SHAPE_SAMPLES = 256;
/** The loop mutates for about this long between looking at imported inputs, pattern steps, status and a stop request. */
const BATCH_MS = 50;
/** Mutations of one chosen parent in a row (AFL's "energy"). */
const ROUNDS_PER_PARENT = 32;

/** How many mutations to stack: mostly one or two, sometimes a big jump (AFL's havoc, lighter). */
function stackDepth(rng: Rng): number {
  const r = rng.u32() & 15;
  return r < 8 ? 1 : r < 12 ? 2 : r < 14 ? 4 : 8;
}

/** The search loop of one worker over one instrumented copy of the target. */
export class Engine {
  private readonly rng: Rng;
  private readonly ev: Evaluator;
  private readonly samples: SampleBatches;
  private readonly dictionary: Dictionary;
  private shape!: Shape;
  private imports: unknown[] = [];
  private shapeSamples: unknown[] = [];
  private charsSeen = 0;
  private slot?: TextSlot;
  private pumps?: PumpSearch;
  private smallRounds?: SmallRounds;
  private readonly hints: { h: RegexHint; direct: boolean }[] = [];
  /** Texts of inputs that hung before (see skipInputs): regex attacks equal to one are not run again. */
  private readonly skipTexts = new Set<string>();
  /** Characters the open alphabets took from the source. */
  private sourceChars: string[] = [];

  constructor(
    private readonly target: Target,
    private readonly registry: ProbeRegistry,
    private readonly opts: EngineOptions,
  ) {
    this.rng = new Rng(opts.seed);
    this.ev = new Evaluator(target, registry, opts);
    this.samples = new SampleBatches(target.input, opts.seed);
    this.dictionary = { strings: [...registry.dictionary.strings], numbers: [...registry.dictionary.numbers] };
    if (opts.hints) this.addHints(opts.hints);
  }

  /** Queues inputs another worker kept; they run between batches. */
  importInputs(inputs: unknown[]): void {
    // Structured-cloned arrays arrive in a slow elements kind; rebuilt, they run at full speed.
    for (const x of inputs) this.imports.push(rebuildValue(x));
  }

  status(): EngineStatus {
    const elapsedMs = performance.now() - this.ev.start;
    return {
      elapsedMs,
      execs: this.ev.execs,
      execsPerSec: elapsedMs > 0 ? (this.ev.execs * 1000) / elapsedMs : 0,
      corpus: this.ev.scheduler.entries.length,
      bestWork: this.ev.best.work,
      bestTimeMs: this.ev.best.timeMs,
      covered: this.ev.feedback.covered,
      probes: this.registry.used,
      errors: this.ev.errors,
      rejected: this.ev.rejected,
      lastFindMs: this.ev.lastFind,
      growth: this.pumps?.best,
      regexReached: this.registry.taps.reached.size > 0 ? [...this.registry.taps.reached] : undefined,
    };
  }

  async run(): Promise<EngineResult> {
    this.ev.start = performance.now();
    const seedCount = this.opts.seedCount ?? SEED_COUNT;
    const fresh: unknown[] = [];
    for (let i = 0; i < seedCount; i++) fresh.push(this.samples.next());
    // The shape is inferred from many samples so ranges and alphabets are seen whole.
    const shapeSamples = [...fresh];
    for (let i = 0; i < SHAPE_SAMPLES; i++) shapeSamples.push(this.samples.next());
    // Inputs are stored and replayed as JSON: a value JSON alters would be searched as one input and replayed as another.
    checkJsonInputs(shapeSamples, this.target.id);
    this.shapeSamples = shapeSamples;
    this.ev.scalarInputs = shapeSamples.every((x) => magnitudeNiche(x) >= 0);
    this.samples.skipRest(); // random mode continues with unseen samples

    const initial = (this.opts.initial ?? []).map(rebuildValue);
    // Fresh seeds at a long budget can take seconds each: they get a share of the time, not all of it.
    const seedUntil = this.opts.timeMs !== undefined ? this.ev.start + Math.max(1000, this.opts.timeMs * SEED_SHARE) : Infinity;
    this.reportRegexes();
    let ran = 0;
    for (const input of [...initial, ...fresh]) {
      if (this.ev.done()) break;
      if (ran >= initial.length + MIN_SEEDS && performance.now() > seedUntil) break;
      this.ev.tryInput(input, this.opts.mode === 'random' ? 0 : SEED);
      if (++ran % 8 === 0) this.reportRegexes();
    }
    // Seeds have run, so lazily loaded modules are in: their literals and characters count too.
    this.settleShape();
    this.shortSeeds(fresh);
    // With the budget spent before any seed ran (a replacement started late) there is nothing to report.
    if (this.opts.mode !== 'random' && this.ev.scheduler.entries.length === 0 && !this.ev.done()) {
      throw new Error('no seed input could run: every sample failed size/validate or the corpus is empty');
    }

    let lastStatus = performance.now();
    while (!this.ev.done()) {
      const batchEnd = performance.now() + BATCH_MS;
      const roundEnd = this.opts.execs === undefined ? batchEnd : Infinity; // clock cuts: timed runs only (exec-bounded ones stay reproducible)
      while (performance.now() < batchEnd && !this.ev.done()) {
        if (this.opts.mode === 'random') {
          for (let k = 0; k < 64; k++) this.ev.tryInput(this.samples.next());
          continue;
        }
        const small = this.smallRounds;
        if (!small) {
          this.mutateFrom(this.ev.scheduler.next(this.rng), roundEnd);
          continue;
        }
        const t0 = performance.now();
        const isSmall = small.wanted(this.ev.scheduler.entries);
        this.mutateFrom(isSmall ? small.pick(this.rng) : this.ev.scheduler.next(this.rng), roundEnd, isSmall ? small : undefined);
        small.spent(performance.now() - t0, isSmall);
      }
      // Inputs found by other workers: run here so this worker's maxima learn from them.
      for (const input of this.imports.splice(0)) {
        if (!this.ev.canRun(1)) break;
        this.ev.tryInput(input);
      }
      this.patternStep();
      if (performance.now() - lastStatus >= STATUS_EVERY_MS) {
        lastStatus = performance.now();
        this.opts.onStatus?.(this.status());
      }
      // Let the worker's message port deliver a stop request.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.ev.recordProgress();
    return {
      ...this.status(),
      bestWorkInput: this.ev.best.input,
      bestTimeInput: this.ev.best.timeInput,
      entries: this.ev.scheduler.entries,
      progress: this.ev.progress,
      errorGroups: this.ev.errorGroups.groups,
      executedSample: this.opts.reservoir ? this.ev.executedSample : undefined,
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
        measure: (x) => (this.ev.canRun(1) ? this.ev.measureCost(x) : undefined),
        offer: (x) => this.ev.canRun(1) && this.ev.tryInput(x) && this.ev.last.kept,
        pickBase: () => {
          const s = this.ev.scheduler;
          const r = this.rng.float();
          const e = r < 0.25 ? s.bestTime : r < 0.5 ? s.bestWork : undefined;
          return (e ?? s.next(this.rng)).value;
        },
        tokens: () => this.dictionary.strings,
        skip: (x) => this.skipTexts.has(this.slot?.get(x) ?? ''),
        chars: () => this.sourceChars,
        trace: (x) => this.ev.traceRegexArgs(x),
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
      if (this.ev.done()) return;
      const text = slot.get(fresh[i]);
      if (text === undefined || text.length <= SHORT_SEED_LEN) continue;
      this.ev.tryInput(slot.set(fresh[i], text.slice(0, this.rng.range(8, SHORT_SEED_LEN))), SEED);
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

  /** A round of mutations of one parent (AFL's "energy"), cut at `until` when executions are slow (between batches come attacks and imports); the children's measured times tell, no clock read per child. */
  private mutateFrom(parent: Entry, until: number, small?: SmallRounds): void {
    const rng = this.rng;
    const entries = this.ev.scheduler.entries;
    for (let k = 0, spentMs = 0, budgetMs = until - performance.now(); k < ROUNDS_PER_PARENT && (k === 0 || spentMs < budgetMs); k++) {
      if (!this.ev.canRun(1)) return;
      // A share of fresh samples keeps the search from being narrower than sampling: needles
      // (one magic number) are found by breadth, not by climbing.
      const mutant = rng.chance(FRESH_SHARE)
        ? this.samples.next()
        : havoc(parent.value, this.shape, { rng, dictionary: this.dictionary, donor: entries[rng.int(entries.length)]!.value }, stackDepth(rng));
      const child = small ? small.clip(mutant) : mutant;
      const before = this.ev.best.work;
      spentMs += this.ev.tryInput(child) ? this.ev.last.timeMs : 0;
      if (small) continue;
      // Follow a climbing input while it keeps improving.
      if (this.ev.best.work > before && this.ev.scheduler.bestWork && this.ev.scheduler.bestWork.work === this.ev.best.work) {
        parent = this.ev.scheduler.bestWork;
      }
    }
  }
}

