import type { Rng } from './rng.js';

/** One kept input, in memory. */
export interface Entry {
  index: number;
  value: unknown;
  size: number;
  work: number;
  timeMs: number;
  flags: number;
  /** How many probes' maxima this input holds (PerfFuzz "favored" when > 0). */
  held: number;
  foundAtMs: number;
  /** Ids of the constraints this input made true at least once (when constraints are instrumented). */
  satisfies?: string[];
}

/** A parent draw r (uniform in [0, 1)) below this picks the highest-work input: 30% of draws, hill climbing. */
const BEST_WORK_BELOW = 0.3;
/** ...below this the slowest input (the next 10%). */
const BEST_TIME_BELOW = 0.4;
/** ...below this a favored input that satisfies a constraint (20%). */
const CONSTRAINED_BELOW = 0.6;
/** ...below this any favored input (25%); above it any input (15%). A share whose pick does not exist falls to the next. */
const FAVORED_BELOW = 0.85;

/**
 * Chooses the next parent to mutate: mostly the inputs that hold a per-probe maximum
 * (PerfFuzz), often the highest-work and slowest inputs (hill climbing), sometimes any. Inputs
 * that hold a maximum and satisfy a constraint get a share of their own: a constraint marks a
 * region that tends to be slow, so inputs in it are worth more mutation time.
 */
export class Scheduler {
  readonly entries: Entry[] = [];
  private favored: Entry[] = [];
  private constrained: Entry[] = [];
  private dirty = true;
  bestWork: Entry | undefined;
  bestTime: Entry | undefined;

  add(entry: Entry): void {
    this.entries.push(entry);
    this.dirty = true;
    if (!this.bestWork || entry.work > this.bestWork.work) this.bestWork = entry;
  }

  setBestTime(entry: Entry): void {
    this.bestTime = entry;
  }

  /** An entry lost one maximum to a newer input. */
  lostMax(index: number): void {
    const e = this.entries[index];
    if (e && e.held > 0) {
      e.held--;
      if (e.held === 0) this.dirty = true;
    }
  }

  next(rng: Rng): Entry {
    if (this.dirty) {
      this.favored = this.entries.filter((e) => e.held > 0);
      this.constrained = this.favored.filter((e) => (e.satisfies?.length ?? 0) > 0);
      this.dirty = false;
    }
    const r = rng.float();
    if (r < BEST_WORK_BELOW && this.bestWork) return this.bestWork;
    if (r < BEST_TIME_BELOW && this.bestTime) return this.bestTime;
    if (r < CONSTRAINED_BELOW && this.constrained.length > 0) return rng.pick(this.constrained);
    if (r < FAVORED_BELOW && this.favored.length > 0) return rng.pick(this.favored);
    return rng.pick(this.entries);
  }
}
