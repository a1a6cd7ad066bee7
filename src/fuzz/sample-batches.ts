import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { rebuildValue } from './clone.js';

const SAMPLE_BATCH = 512;

/** Fresh samples of the target's arbitrary, drawn a batch at a time (each batch with its own seed). */
export class SampleBatches {
  private batch = 0;
  private samples: unknown[] = [];
  private at = 0;

  constructor(
    private readonly arbitrary: Arbitrary<unknown>,
    private readonly seed: number,
  ) {}

  next(): unknown {
    if (this.at >= this.samples.length) {
      this.samples = fc.sample(this.arbitrary, { numRuns: SAMPLE_BATCH, seed: (this.seed + 7919 * this.batch++) | 0 }).map(rebuildValue);
      this.at = 0;
    }
    return this.samples[this.at++];
  }

  /** Leaves the rest of the current batch unseen: the next sample starts a new batch. */
  skipRest(): void {
    this.at = this.samples.length;
  }
}
