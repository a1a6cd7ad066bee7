/**
 * Exploration at small sizes for long text budgets. At 50,000 characters one execution of a
 * parser can take tens of milliseconds; at a few hundred it takes a fraction of one. Structure
 * that reaches deep code (a tag with an attribute, a header with parameters) is found as well
 * in short inputs, a hundred times faster: a share of the mutation time goes to rounds whose
 * parents and children stay short. Growth-guided search and the budget stretch take what they
 * find to the budget.
 */
import type { Rng } from './rng.js';
import type { Entry } from './scheduler.js';
import type { TextSlot } from './text-slot.js';

/** Share of mutation time that small rounds take. */
const SHARE = 0.4;
/** Text budgets from this length on get small rounds. */
export const SMALL_ROUNDS_FROM = 1024;

export class SmallRounds {
  private readonly small: Entry[] = [];
  private seen = 0;
  private smallMs = 0;
  private totalMs = 0;
  /** Longest text of a small round's input: 1/32 of the budget, within [256, 2048]. */
  readonly cap: number;

  constructor(private readonly slot: TextSlot) {
    this.cap = Math.max(256, Math.min(2048, slot.maxLen >> 5));
  }

  /** Whether the next round should be a small one (`entries`: every kept input, in order). */
  wanted(entries: readonly Entry[]): boolean {
    for (; this.seen < entries.length; this.seen++) {
      const e = entries[this.seen]!;
      const text = this.slot.get(e.value);
      if (text !== undefined && text.length <= this.cap) this.small.push(e);
    }
    return this.small.length > 0 && this.smallMs <= SHARE * this.totalMs;
  }

  /** A short kept input; the newest ones more often, since what was just found is often what pays next. */
  pick(rng: Rng): Entry {
    const n = this.small.length;
    return rng.chance(0.3) ? this.small[n - 1 - rng.int(Math.min(n, 16))]! : this.small[rng.int(n)]!;
  }

  /** The input with its text cut to the cap. */
  clip(input: unknown): unknown {
    const text = this.slot.get(input);
    return text !== undefined && text.length > this.cap ? this.slot.set(input, text.slice(0, this.cap)) : input;
  }

  /** Time spent on a round, small or not. */
  spent(ms: number, small: boolean): void {
    this.totalMs += ms;
    if (small) this.smallMs += ms;
  }
}
