import path from 'node:path';
import type { CampaignOptions } from './campaign-types.js';
import { inputHash, writeCorpusFile, type CorpusFile, type Kept } from './corpus.js';
import { reasonNames } from './feedback.js';
import { findingsDir, writeFinding, type FindingFile, type FindingKind } from './findings.js';

export type StoreOptions = Pick<CampaignOptions, 'target' | 'mode' | 'seed' | 'root' | 'useCorpus' | 'exchange'> & {
  /** corpora/<id>/ */
  dir: string;
  warn: (message: string) => void;
};

/** An input a worker kept, as it arrives (times in ms since its engine started). */
export interface KeptEntry {
  value: unknown;
  size: number;
  work: number;
  timeMs: number;
  foundAtMs: number;
  satisfies?: string[];
}

/**
 * What a campaign keeps: inputs and findings stored in the corpus folder as they come, handed to
 * the exchange, and forwarded to the workers that did not find them.
 */
export class CampaignStore {
  // A write to the corpus that fails (read-only folder, full disk) is reported once; the search
  // goes on in memory and its inputs reach the report. Later writes are not tried: each would
  // fail the same way, on the thread that watches for hangs.
  unsaved: { error: string; files: number } | undefined;
  readonly kept: Kept[] = [];
  largestKept = 0;
  /** Which constraints each kept input satisfied, by hash. */
  readonly satisfied = new Map<string, string[]>();
  private readonly seen: Set<string>;
  readonly findings: FindingFile[] = [];
  /** Inputs other campaigns kept (see CampaignExchange), with when they came. */
  private readonly imported: { input: unknown; at: number }[] = [];

  constructor(
    private readonly o: StoreOptions,
    /** The corpus this campaign resumed from. */
    readonly previous: CorpusFile[],
    private readonly t0: number,
  ) {
    this.seen = new Set<string>(previous.map((p) => p.hash));
  }

  private store(write: () => void): boolean {
    if (this.unsaved) {
      this.unsaved.files++;
      return false;
    }
    try {
      write();
      return true;
    } catch (e) {
      this.unsaved = { error: (e as Error).message, files: 1 };
      this.o.warn(`cannot write to ${path.relative(this.o.root, this.o.dir) || this.o.dir} (${this.unsaved.error}); the campaign goes on in memory, and this run's inputs are kept in its report only`);
      return false;
    }
  }

  /** Inputs kept elsewhere and not seen here, for the workers that have loaded the target. */
  takeImports(): unknown[] {
    const inputs = this.o.exchange?.take() ?? [];
    const fresh = inputs.filter((input) => {
      const hash = inputHash(input);
      if (this.seen.has(hash)) return false;
      this.seen.add(hash);
      return true;
    });
    if (fresh.length === 0) return fresh;
    const at = Date.now();
    for (const input of fresh) this.imported.push({ input, at });
    return fresh;
  }

  /** What came from elsewhere since `t` (while a worker loaded: a replacement has older ones already). */
  importedSince(t: number): unknown[] {
    return this.imported.filter((i) => i.at >= t).map((i) => i.input);
  }

  /** What a worker starts from: the resumed corpus, and for a replacement everything kept so far. */
  initial(first: boolean): unknown[] {
    const previous = this.previous;
    return first ? previous.map((p) => p.input) : [...previous.map((p) => p.input), ...this.imported.map((i) => i.input), ...this.kept.map((k) => k.input)];
  }

  /** Inputs that hung or ran out of memory. */
  faultInputs(): unknown[] {
    return this.findings.filter((f) => (f.kind === 'hang' || f.kind === 'oom') && f.input !== undefined).map((f) => f.input);
  }

  record(kind: FindingKind, detail: string, input: unknown | undefined, minTimeMs?: number): void {
    const o = this.o;
    const f = { target: o.target.id, kind, detail, input, foundAtMs: Date.now() - this.t0, ...(minTimeMs !== undefined ? { minTimeMs } : {}) };
    let finding: FindingFile = { version: 1, hash: inputHash(input ?? detail), ...f };
    if (o.useCorpus) this.store(() => (finding = writeFinding(findingsDir(o.dir), f).finding));
    this.findings.push(finding);
    o.exchange?.finding(finding);
  }

  /**
   * Stores an input a worker kept; false when it was already stored, or forwarded from another
   * worker. `startedAt`: when the worker's engine started (ms, wall clock).
   */
  keep(entry: KeptEntry, reasons: number, startedAt: number): boolean {
    const o = this.o;
    const hash = inputHash(entry.value);
    if (this.seen.has(hash)) return false; // already stored, or forwarded from another worker
    this.seen.add(hash);
    if (entry.satisfies) this.satisfied.set(hash, entry.satisfies);
    const k: Kept = { hash, input: entry.value, size: entry.size, work: entry.work, timeMs: entry.timeMs, reasons: reasonNames(reasons), foundAtMs: startedAt - this.t0 + entry.foundAtMs };
    this.kept.push(k);
    this.largestKept = Math.max(this.largestKept, k.size);
    if (o.useCorpus) {
      const file: CorpusFile = { version: 1, target: o.target.id, ...k, mode: o.mode, seed: o.seed };
      this.store(() => writeCorpusFile(o.dir, file));
    }
    o.exchange?.kept(k);
    return true;
  }
}
