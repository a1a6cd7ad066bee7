import { NICHES } from './niche.js';

/** Which signals decide that an input is worth keeping. */
export type FeedbackMode = 'coverage' | 'wedge';

/** Why an input was kept (bit flags, combined). */
export const NEW_PROBE = 1;
export const NEW_MAX = 2;
export const NEW_WORK = 4;
export const NEW_TIME = 8;
export const SEED = 16;
export const NEW_NICHE = 32;

export function reasonNames(flags: number): string[] {
  const out: string[] = [];
  if (flags & SEED) out.push('seed');
  if (flags & NEW_PROBE) out.push('new-probe');
  if (flags & NEW_MAX) out.push('new-max');
  if (flags & NEW_WORK) out.push('new-work');
  if (flags & NEW_TIME) out.push('new-time');
  if (flags & NEW_NICHE) out.push('new-niche');
  return out;
}

/**
 * Per-probe tables over typed arrays: seen (coverage), the highest count any kept input
 * reached (PerfFuzz), and which corpus entry holds that maximum.
 */
export class Feedback {
  maxima: Uint32Array;
  holder: Int32Array;
  bestWork = -1;
  /** Number of probes ever hit. */
  covered = 0;
  /** Best work per magnitude niche (see niche.ts), and who holds it. */
  readonly nicheBest = new Float64Array(NICHES).fill(-1);
  readonly nicheHolder = new Int32Array(NICHES).fill(-1);

  constructor(readonly mode: FeedbackMode, capacity: number) {
    this.maxima = new Uint32Array(capacity);
    this.holder = new Int32Array(capacity).fill(-1);
  }

  /**
   * One pass over the counters of the last execution: returns its work (without the probes in
   * `notWork`) and whether anything is new. Does not update the tables; `commit` does, once the
   * input is kept.
   */
  check(counters: Uint32Array, used: number, notWork?: Int32Array): { work: number; flags: number } {
    const max = this.maxima;
    let work = 0;
    let flags = 0;
    // Constraint probes are feedback (a first hit, a new maximum) but not work.
    if (notWork) for (let i = 0; i < notWork.length; i++) work -= counters[notWork[i]!]!;
    if (this.mode === 'wedge') {
      for (let i = 0; i < used; i++) {
        const c = counters[i]!;
        work += c;
        if (c > max[i]!) flags |= max[i] === 0 ? NEW_PROBE | NEW_MAX : NEW_MAX;
      }
      if (work > this.bestWork) flags |= NEW_WORK;
    } else {
      for (let i = 0; i < used; i++) {
        const c = counters[i]!;
        work += c;
        if (c !== 0 && max[i] === 0) flags |= NEW_PROBE;
      }
    }
    return { work, flags };
  }

  /** True when `work` beats the best of the input's magnitude niche (cost feedback only). */
  newNiche(niche: number, work: number): boolean {
    return this.mode === 'wedge' && niche >= 0 && work > this.nicheBest[niche]!;
  }

  /** Records a kept input as its niche's best; returns the previous holder or -1. */
  commitNiche(niche: number, work: number, entry: number): number {
    const prev = this.nicheHolder[niche]!;
    this.nicheBest[niche] = work;
    this.nicheHolder[niche] = entry;
    return prev;
  }

  /** Records a kept input's counters; returns the corpus entries that lost a maximum to it. */
  commit(counters: Uint32Array, used: number, work: number, entry: number, lost: (previous: number) => void): number {
    const max = this.maxima;
    let held = 0;
    for (let i = 0; i < used; i++) {
      const c = counters[i]!;
      if (c > max[i]!) {
        if (max[i] === 0) this.covered++;
        max[i] = c;
        const prev = this.holder[i]!;
        if (prev >= 0 && prev !== entry) lost(prev);
        this.holder[i] = entry;
        held++;
      }
    }
    if (work > this.bestWork) this.bestWork = work;
    return held;
  }
}
