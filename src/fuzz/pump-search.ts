/**
 * Drives growth-guided search inside one worker: patterns come from kept inputs (random cuts,
 * source tokens as the repeated unit) and from regex attacks (recheck's pumps, with context
 * taken from kept inputs so the attack reaches its regex). Each is measured at two moderate
 * sizes; a super-linear one is pumped to the budget and run like any other input. It takes a
 * bounded share of the worker's time.
 */
import { probeGrowth, randomPattern, pump, type Cost, type Pattern } from './growth-search.js';
import type { RegexHint } from './regex-hints.js';
import { pumpAttack, regexKey } from './regex-hints.js';
import type { Rng } from './rng.js';
import { fitsAlphabet, type TextSlot } from './text-slot.js';
import { fitHint, hintText, stillFails } from './attack-fit.js';
import type { TracedArg } from '../instrument/regex-taps.js';
import { contextPatterns, lookupEnumeration, lookupReplacements, placesOf } from './regex-context.js';

/** Share of a worker's time that growth probes may take. */
const SHARE = 0.2;
/** Patterns queued per regex attack, each with other context from kept inputs. */
const HINT_VARIANTS = 8;
/** Ways an attack with characters outside the alphabet is mapped into it. */
const FIT_VARIANTS = 3;
/** Random mappings tried for them (each checked against the pattern on a short attack). */
const FIT_TRIES = 12;
/** Share of growth steps that first trace a kept input's regex arguments (when there are attacks). */
const TRACE_SHARE = 0.25;
/** Queued attack patterns at most (the newest, from traces, go first). */
const MAX_QUEUE = 64;
/** Longest text traced: a window of a longer kept input. */
const TRACE_WINDOW = 512;
/** Lookups per traced input turned into candidates at most. */
const LOOKUP_CANDIDATES = 4;
/** Lookup candidates waiting at most before another list is enumerated whole… */
const MAX_LOOKUPS = 64;
/** …which may add this many more. */
const MAX_ENUMERATED_QUEUE = 256;
/** Times a lookup list is tried whole (each time in another input). */
const ENUMERATIONS = 6;
/** Time per step for lookup candidates, at most. */
const LOOKUP_BURST_MS = 25;
/** Kept lookup candidates waiting to be traced first, at most. */
const MAX_CHAINED = 16;
/** Patterns queued per traced input at most. */
const CONTEXT_JOBS = 4;

export interface PumpSearchHost {
  rng: Rng;
  slot: TextSlot;
  /** Runs an input through the search (feedback included); its cost, or undefined if it could not run. */
  measure(input: unknown): Cost | undefined;
  /** Runs an input through the search once; whether the search kept it. */
  offer(input: unknown): boolean;
  /** A kept input to take structure and context from. */
  pickBase(): unknown;
  /** Source tokens (literals, regex runs). */
  tokens(): readonly string[];
  /** Characters the source tests for (the open alphabet's additions). */
  chars(): readonly string[];
  /** Whether a candidate is known to hang already (a replacement worker's). */
  skip(input: unknown): boolean;
  /** Runs an input once and gives the strings the watched regexes ran on. */
  trace(input: unknown): TracedArg[];
  /** A faster-growing pattern was found (before its pumped input runs, which may hang). */
  found(): void;
}

export interface GrowthFinding {
  prefix: string;
  unit: string;
  suffix: string;
  exponent: number;
}

export class PumpSearch {
  private spentMs = 0;
  private readonly started = performance.now();
  private readonly queue: { base: unknown; pattern: Pattern }[] = [];
  private readonly direct: unknown[] = [];
  /** Inputs with a looked-up piece replaced by a constant (see regex-taps), run within the share. */
  private readonly lookups: unknown[] = [];
  /**
   * Lookup candidates the search kept (they opened a branch): traced before any other input, so
   * the lookups and regex arguments behind that branch are seen next (a tag, then its attribute,
   * then the attribute's value).
   */
  private readonly chained: unknown[] = [];
  /** Lookup lists tried whole, and how often. */
  private readonly enumerated = new Map<string, number>();
  /** Regex attacks by pattern key, for placing where a traced input's regex argument sits. */
  private readonly hints = new Map<string, RegexHint>();
  best?: GrowthFinding;
  /** Patterns measured, and how many grew super-linearly. */
  probes = 0;
  superlinear = 0;
  /** Kept inputs run with their regex arguments traced. */
  traced = 0;

  constructor(private readonly host: PumpSearchHost) {}

  /** Regex attacks: candidates at the budget, and patterns to probe with context from kept inputs. */
  addHint(original: RegexHint, direct: boolean): void {
    const slot = this.host.slot;
    const text = hintText(original);
    const added = new Set(this.host.chars());
    const inSlot = fitsAlphabet(slot, text);
    if (inSlot) this.addFitted(original, direct);
    // Inside the alphabet only through characters the source (or the attack itself) added, which
    // the target's `validate` may refuse: mapped into the sampled alphabet too.
    if (!slot.chars || (inSlot && ![...text].some((c) => added.has(c)))) return;
    const sampled = slot.chars.filter((c) => !added.has(c));
    if (sampled.length === 0) return;
    const into = { ...slot, allowed: new Set(sampled) };
    // The checker's characters may lie outside the input's alphabet ('\x00' ending an attack
    // on printable text): the same attack with each of them mapped to an allowed one, a few ways.
    // The first runs at the budget at once; the others are probed at small sizes first.
    const fitted = Array.from({ length: FIT_TRIES }, () => fitHint(original, into, () => this.host.rng.pick(sampled)));
    // A mapping that makes the attack match (a word character for a failing '\x00') removes
    // the backtracking it was for: those that still fail to match go first.
    const failing = fitted.filter((h) => stillFails(h));
    const chosen = [...failing, ...fitted.filter((h) => !failing.includes(h))].slice(0, FIT_VARIANTS);
    chosen.forEach((h, k) => this.addFitted(h, direct && k === 0));
  }

  private addFitted(h: RegexHint, direct: boolean): void {
    const slot = this.host.slot;
    const attack = pumpAttack(h, slot.maxLen);
    if (direct && fitsAlphabet(slot, attack)) {
      const candidate = slot.set(this.host.pickBase(), attack);
      if (!this.host.skip(candidate)) this.direct.push(candidate);
    }
    const first = h.pumps[0];
    if (!first || first.pump.length === 0) return;
    this.hints.set(regexKey(h), h);
    const rest = h.pumps.slice(1).map((p) => p.prefix + p.pump).join('') + h.suffix;
    const rng = this.host.rng;
    for (let k = 0; k < HINT_VARIANTS; k++) {
      const base = this.host.pickBase();
      const text = slot.get(base) ?? '';
      // Context: none, or the start of a kept input (what reaches the call site: short or
      // long), and sometimes its rest after the attack (what closes the construct the regex
      // runs inside); a character before the attack and one after it (what survives a
      // `trim()` or a guard around the regex), or the checker's suffix alone.
      const cut = k < 4 ? 0 : rng.int(Math.min(text.length, k < 6 ? 8 : 256) + 1);
      const lead = k % 4 >= 2 ? (this.randomChar() ?? '') : '';
      const end = k % 2 === 1 ? (this.randomChar() ?? '') + rest : rest;
      const after = k >= 4 && rng.chance(0.5) ? text.slice(cut, cut + 256) : '';
      this.queue.push({ base, pattern: { prefix: text.slice(0, cut) + lead + first.prefix, unit: first.pump, suffix: end + after } });
    }
  }

  /**
   * Runs a kept input traced. Each regex attack is queued where its regex's argument sits in the
   * input's text: the input's own context carries the attack to the regex. A few of the pieces
   * the code looked up among constants are replaced by some of those constants.
   */
  private traceContext(): void {
    const { slot, rng } = this.host;
    const kept = this.chained.shift() ?? this.host.pickBase();
    const whole = slot.get(kept);
    if (whole === undefined) return;
    // A window of a long input: most text formats keep their structure local, and a short input
    // traces, mutates and runs a hundred times faster than one at the budget.
    const at = whole.length > TRACE_WINDOW ? rng.int(whole.length - TRACE_WINDOW + 1) : 0;
    const text = whole.slice(at, at + TRACE_WINDOW);
    const base = text === whole ? kept : slot.set(kept, text);
    const args = this.host.trace(base);
    const lookups = args.filter((a) => a.want !== undefined && placesOf(text, a.arg).length > 0);
    for (let k = 0; k < LOOKUP_CANDIDATES && lookups.length > 0; k++) {
      const a = lookups.splice(rng.int(lookups.length), 1)[0]!;
      // A list not yet tried whole is tried whole (a few times, in different inputs); after that, a few of its constants at random.
      const list = a.want!.join('\u0000');
      const tried = this.enumerated.get(list) ?? 0;
      const whole = tried < ENUMERATIONS && this.lookups.length < MAX_LOOKUPS;
      if (whole) this.enumerated.set(list, tried + 1);
      const texts = whole ? lookupEnumeration(text, a.arg, a.want!, rng) : lookupReplacements(text, a.arg, a.want!, rng);
      for (const replaced of texts) if (this.lookups.length < MAX_LOOKUPS + MAX_ENUMERATED_QUEUE) this.lookups.push(slot.set(base, replaced));
    }
    let queued = 0;
    for (const a of args) {
      const h = this.hints.get(a.key);
      if (!h || queued >= CONTEXT_JOBS) continue;
      for (const pattern of contextPatterns(text, a.arg, h, () => (rng.chance(0.5) ? (this.randomChar() ?? '') : ''), rng)) {
        if (this.queue.length >= MAX_QUEUE) this.queue.pop();
        this.queue.unshift({ base, pattern });
        queued++;
      }
    }
    this.traced++;
  }

  /** Runs queued candidates and one growth probe when the time share allows. */
  step(): void {
    const now = performance.now();
    const d = this.direct.shift();
    if (d !== undefined) {
      this.host.offer(d);
      this.spentMs += performance.now() - now;
      return;
    }
    if (this.spentMs > SHARE * (now - this.started)) return;
    // Lookup candidates are short texts: a burst of them, then the step goes on (a queue of them
    // taken one per step would hold back traces and probes for hundreds of batches).
    for (let lookup = this.lookups.shift(); lookup !== undefined; lookup = this.lookups.shift()) {
      if (this.host.offer(lookup) && this.chained.length < MAX_CHAINED) this.chained.push(lookup);
      if (performance.now() - now > LOOKUP_BURST_MS) break;
    }
    if (this.chained.length > 0 || this.host.rng.chance(this.hints.size > 0 ? TRACE_SHARE : TRACE_SHARE / 2)) this.traceContext();
    // Queued attacks and random cuts take turns: an attack that keeps coming back from traces
    // must not starve the open search (the checker's attack is not always the one that works).
    const job = (this.host.rng.chance(0.5) ? this.queue.shift() : undefined) ?? this.randomJob();
    if (job) this.probe(job.base, job.pattern);
    this.spentMs += performance.now() - now;
  }

  private randomJob(): { base: unknown; pattern: Pattern } | undefined {
    const { rng, slot } = this.host;
    const base = this.host.pickBase();
    const text = slot.get(base);
    if (text === undefined) return undefined;
    const p = randomPattern(text, rng);
    if (!p) {
      const tokens = this.host.tokens();
      return tokens.length > 0 ? { base, pattern: { prefix: '', unit: rng.pick(tokens), suffix: '' } } : undefined;
    }
    if (rng.chance(0.3)) {
      // A source token or character as the repeated unit, in the cut's context.
      const tokens = this.host.tokens();
      if (tokens.length > 0) p.unit = rng.pick(tokens);
    }
    if (rng.chance(0.3)) {
      // One character ends the run: what a scanner or a backtracking regex fails on last.
      p.suffix = this.randomChar() ?? p.suffix;
    }
    return { base, pattern: p };
  }

  /** A character the source tests for (half the time), or any of the alphabet's. */
  private randomChar(): string | undefined {
    const { rng, slot } = this.host;
    const source = this.host.chars();
    if (source.length > 0 && (rng.chance(0.5) || !slot.chars)) return rng.pick(source);
    return slot.chars ? rng.pick(slot.chars) : undefined;
  }

  private probe(base: unknown, p: Pattern): void {
    const slot = this.host.slot;
    this.probes++;
    // Small enough to be cheap, large enough to time: 1/16 of the budget, within [32, 2048].
    const small = Math.max(32, Math.min(2048, slot.maxLen >> 4));
    const g = probeGrowth(base, slot, p, small, (x) => this.host.measure(x));
    if (!g) return;
    this.superlinear++;
    if (!this.best || g.exponent > this.best.exponent) {
      this.best = { ...g.pattern, exponent: g.exponent };
      this.host.found();
    }
    this.host.offer(g.input);
    // Between the probe sizes and the budget too: a finding that is too slow at the budget to
    // finish still has a measured, slower-than-typical version here.
    this.host.offer(slot.set(base, pump(p, slot.maxLen >> 2)));
  }
}
