import fc, { type Arbitrary } from 'fast-check';
import type { SampleSet } from './protocol.js';

const CHUNK = 500;

/**
 * Draws random inputs from the target's arbitrary and keeps, for each requested size, up to
 * `perSize` inputs of exactly that size. Where exact sizes are rare, the rest are filled with
 * the nearest sizes drawn (callers report the sizes they got). Deterministic for a seed.
 */
export function sampleAtSizes(
  arb: Arbitrary<unknown>,
  size: (x: unknown) => number,
  validate: ((x: unknown) => boolean) | undefined,
  o: { sizes: number[]; perSize: number; maxDraws: number; seed: number },
): SampleSet[] {
  const wanted = new Set(o.sizes);
  // Keeps at most perSize inputs of each size seen, so memory stays bounded however many draws.
  const bySize = new Map<number, unknown[]>();
  const enough = () => o.sizes.every((s) => (bySize.get(s)?.length ?? 0) >= o.perSize);
  for (let drawn = 0, chunk = 0; drawn < o.maxDraws && !enough(); drawn += CHUNK, chunk++) {
    const values = fc.sample(arb, { seed: o.seed + chunk, numRuns: Math.min(CHUNK, o.maxDraws - drawn) });
    for (const v of values) {
      let s: number;
      try {
        if (validate && !validate(v)) continue;
        s = size(v);
      } catch {
        continue;
      }
      const list = bySize.get(s) ?? [];
      if (list.length < o.perSize) list.push(v);
      bySize.set(s, list);
    }
    if (wanted.size === 0) break;
  }
  const seen = [...bySize.keys()];
  return o.sizes.map((requested) => {
    const inputs: unknown[] = [];
    const sizes: number[] = [];
    // Nearest sizes first; at equal distance the larger size, as findings sit at the budget.
    const order = [...seen].sort((a, b) => Math.abs(a - requested) - Math.abs(b - requested) || b - a);
    for (const s of order) {
      for (const v of bySize.get(s)!) {
        if (inputs.length >= o.perSize) break;
        inputs.push(v);
        sizes.push(s);
      }
      if (inputs.length >= o.perSize) break;
    }
    return { requested, inputs, sizes };
  });
}
