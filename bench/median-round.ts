import { median } from '../src/core/stats.js';

/** The round whose figure is the median of all rounds' (an odd count: an actual round). */
export function medianRound<R>(rounds: R[], value: (r: R) => number): R {
  const mid = median(rounds.map(value));
  return rounds.find((r) => value(r) === mid) ?? rounds[0]!;
}
