import type { FileProbes, ProbeSite } from './probe-kinds.js';
import { REGISTRY_GLOBAL, type SourceRegex } from './probe-kinds.js';
import { regexText } from './regex-text.js';
import type { ScratchSlot } from './constraint-probes.js';
import { RegexTaps } from './regex-taps.js';

/** Room for this many probes; 4 MiB of counters is far more than any target needs. */
const CAPACITY = 1 << 20;
/** Distinct regexes noted at most (literals and built ones). */
const MAX_REGEXES = 5000;
/** Room for meters, constraint error counts and measures. */
const SCRATCH_CAPACITY = 1 << 16;

/**
 * The probe registry of one thread: one Uint32Array holds every counter, each instrumented
 * file gets a contiguous range of it when its module is evaluated.
 */
export class ProbeRegistry {
  readonly counters = new Uint32Array(CAPACITY);
  /** Number of counters in use: per-execution work touches only [0, used). */
  used = 0;
  readonly files: (FileProbes & { base: number })[] = [];
  /** Global probe id → its site. */
  readonly sites: ProbeSite[] = [];
  readonly siteFile: number[] = [];
  /** Literals of all instrumented files (tokens for dictionary mutators). */
  readonly dictionary = { strings: new Set<string>(), numbers: new Set<number>(), chars: new Set<string>() };
  /** Every distinct regular expression seen (literals at load, built ones when compiled), by flags + source. */
  readonly regexes = new Map<string, SourceRegex>();
  /** Watched regexes and the strings they run on (see regex-taps). */
  readonly taps = new RegexTaps();
  /** Regexes not yet taken by `takeNewRegexes`. */
  private freshRegexes: SourceRegex[] = [];
  /**
   * Constraint probes: counters like any other (so a first hit and each new maximum are new
   * feedback) but not work: work stays a property of the program, the same with and without
   * constraints.
   */
  constraintProbes = new Int32Array(0);
  /** Constraint id → its probe id, in order of loading. */
  readonly constraintIds = new Map<string, number>();
  /** State of meters, exceptions swallowed by constraint guards, measures; cleared every run. */
  readonly scratch = new Float64Array(SCRATCH_CAPACITY);
  scratchUsed = 0;
  readonly errorSlots = new Map<string, number>();
  /** Measure id → its first slot (largest value; the sum and the count follow). */
  readonly measureSlots = new Map<string, number>();
  /** Slots that hold the current input's size (`$size`), one per file that reads it. */
  private sizeSlots: number[] = [];

  /** Called by instrumented code at module evaluation. */
  file(fileKey: string, sitesJson: string, dictionaryJson = '{"strings":[],"numbers":[]}'): Uint32Array {
    const sites = JSON.parse(sitesJson) as ProbeSite[];
    const dict = JSON.parse(dictionaryJson) as { strings: string[]; numbers: number[]; chars?: string[]; regexes?: SourceRegex[] };
    for (const s of dict.strings) this.dictionary.strings.add(s);
    for (const n of dict.numbers) this.dictionary.numbers.add(n);
    for (const c of dict.chars ?? []) this.dictionary.chars.add(c);
    for (const r of dict.regexes ?? []) this.noteRegex({ ...r, file: fileKey });
    const base = this.used;
    if (base + sites.length > CAPACITY) throw new Error(`too many probes (> ${CAPACITY})`);
    this.used += sites.length;
    const entry = { file: fileKey, sites, base };
    const index = this.files.push(entry) - 1;
    const constraints: number[] = [...this.constraintProbes];
    sites.forEach((s, i) => {
      this.sites.push(s);
      this.siteFile.push(index);
      if (s.kind === 'constraint' && s.constraint !== undefined) {
        constraints.push(base + i);
        this.constraintIds.set(s.constraint, base + i);
      }
    });
    if (constraints.length !== this.constraintProbes.length) this.constraintProbes = Int32Array.from(constraints);
    return this.counters.subarray(base, base + sites.length);
  }

  /** Called by instrumented code around `new RegExp(...)`: notes the pattern once, returns the value as is. */
  regex<T>(fileKey: string, siteJson: string, re: T): T {
    if (re instanceof RegExp) this.taps.created(re);
    // Code that builds a new pattern per call (escaped input in a regex) would grow this without end.
    if (re instanceof RegExp && this.regexes.size < MAX_REGEXES && !this.regexes.has(re.flags + '/' + re.source)) {
      const site = JSON.parse(siteJson) as { line: number; fn: string };
      this.noteRegex({ source: re.source, flags: re.flags, line: site.line, fn: site.fn, file: fileKey, dynamic: true });
      // Its characters and literal runs count as the source's, like a literal's.
      const text = regexText(re.source);
      for (const c of text.chars) this.dictionary.chars.add(c);
      for (const token of text.tokens) this.dictionary.strings.add(token);
    }
    return re;
  }

  /** Called by instrumented code around each regex literal's evaluation; returns it as is. */
  lit(re: RegExp): RegExp {
    this.taps.created(re);
    return re;
  }

  private noteRegex(r: SourceRegex): void {
    const key = r.flags + '/' + r.source;
    if (this.regexes.has(key) || this.regexes.size >= MAX_REGEXES) return;
    this.regexes.set(key, r);
    this.freshRegexes.push(r);
  }

  /** The regexes seen since the last call. */
  takeNewRegexes(): SourceRegex[] {
    return this.freshRegexes.splice(0);
  }

  /** Called by instrumented code that has constraint or measure probes: its scratch slots. */
  scratchFor(fileKey: string, layoutJson: string): Float64Array {
    const layout = JSON.parse(layoutJson) as ScratchSlot[];
    const base = this.scratchUsed;
    if (base + layout.length > SCRATCH_CAPACITY) throw new Error(`too many scratch slots (> ${SCRATCH_CAPACITY}) in ${fileKey}`);
    this.scratchUsed += layout.length;
    layout.forEach((s, i) => {
      if (s.role === 'size') this.sizeSlots.push(base + i);
      else if (s.role === 'error') this.errorSlots.set(s.id, base + i);
      else if (s.role === 'measure') this.measureSlots.set(s.id, base + i);
    });
    return this.scratch.subarray(base, base + layout.length);
  }

  /** Whether `$size` is read anywhere: then each run must be told the input's size. */
  get wantsSize(): boolean {
    return this.sizeSlots.length > 0;
  }

  setInputSize(size: number): void {
    for (const k of this.sizeSlots) this.scratch[k] = size;
  }

  reset(): void {
    this.counters.fill(0, 0, this.used);
    if (this.scratchUsed > 0) this.scratch.fill(0, 0, this.scratchUsed);
  }

  /** Work of the last execution: the sum of all counters but the constraint probes. */
  work(): number {
    const c = this.counters;
    let sum = 0;
    for (let i = 0, n = this.used; i < n; i++) sum += c[i]!;
    const k = this.constraintProbes;
    for (let i = 0; i < k.length; i++) sum -= c[k[i]!]!;
    return sum;
  }

  /** Per constraint: how often it was true in the last run, and how often its guard caught an exception. */
  constraintHits(): Record<string, { hits: number; errors: number }> {
    const out: Record<string, { hits: number; errors: number }> = {};
    for (const [id, probe] of this.constraintIds) out[id] = { hits: this.counters[probe]!, errors: this.scratch[this.errorSlots.get(id) ?? -1] ?? 0 };
    return out;
  }

  /** Per measure in the last run: largest value, mean, times evaluated, exceptions its guard caught. */
  measures(): Record<string, { max: number; mean: number; n: number; errors: number }> {
    const out: Record<string, { max: number; mean: number; n: number; errors: number }> = {};
    for (const [id, k] of this.measureSlots) {
      const n = this.scratch[k + 2]!;
      out[id] = { max: this.scratch[k]!, mean: n > 0 ? this.scratch[k + 1]! / n : 0, n, errors: this.scratch[this.errorSlots.get(id) ?? -1] ?? 0 };
    }
    return out;
  }

  /** Where probe `id` sits, for display. */
  where(id: number): { file: string; site: ProbeSite } {
    return { file: this.files[this.siteFile[id]!]!.file, site: this.sites[id]! };
  }
}

/** The registry of this thread, created on first use and reachable by instrumented code. */
export function probeRegistry(): ProbeRegistry {
  const g = globalThis as unknown as Record<string, ProbeRegistry | undefined>;
  return (g[REGISTRY_GLOBAL] ??= new ProbeRegistry());
}
