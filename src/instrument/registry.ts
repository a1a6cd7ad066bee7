import type { FileProbes, ProbeSite } from './probe-kinds.js';
import { REGISTRY_GLOBAL } from './probe-kinds.js';

/** Room for this many probes; 4 MiB of counters is far more than any target needs. */
const CAPACITY = 1 << 20;

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
  readonly dictionary = { strings: new Set<string>(), numbers: new Set<number>() };

  /** Called by instrumented code at module evaluation. */
  file(fileKey: string, sitesJson: string, dictionaryJson = '{"strings":[],"numbers":[]}'): Uint32Array {
    const sites = JSON.parse(sitesJson) as ProbeSite[];
    const dict = JSON.parse(dictionaryJson) as { strings: string[]; numbers: number[] };
    for (const s of dict.strings) this.dictionary.strings.add(s);
    for (const n of dict.numbers) this.dictionary.numbers.add(n);
    const base = this.used;
    if (base + sites.length > CAPACITY) throw new Error(`too many probes (> ${CAPACITY})`);
    this.used += sites.length;
    const entry = { file: fileKey, sites, base };
    const index = this.files.push(entry) - 1;
    for (const s of sites) {
      this.sites.push(s);
      this.siteFile.push(index);
    }
    return this.counters.subarray(base, base + sites.length);
  }

  reset(): void {
    this.counters.fill(0, 0, this.used);
  }

  /** Work of the last execution: the sum of all counters. */
  work(): number {
    const c = this.counters;
    let sum = 0;
    for (let i = 0, n = this.used; i < n; i++) sum += c[i]!;
    return sum;
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
