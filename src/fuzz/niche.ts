/** Number of magnitude niches; also the cap on a niche index. */
export const NICHES = 64;
const MAX_LEAVES = 4;

/**
 * For inputs made of a few numbers (a needle such as one integer or a pair), the total bit
 * length of those numbers; -1 for anything else. Keeping the best input per magnitude lets a
 * climb start small and grow (x → 2x, a → a + b) instead of needing one lucky sample.
 */
export function magnitudeNiche(value: unknown): number {
  let bits = 0;
  let leaves = 0;
  const visit = (v: unknown): boolean => {
    if (typeof v === 'number') {
      if (++leaves > MAX_LEAVES) return false;
      const m = Math.abs(Math.trunc(v));
      bits += m === 0 || !Number.isFinite(m) ? 0 : Math.floor(Math.log2(m)) + 1;
      return true;
    }
    if (Array.isArray(v)) {
      if (v.length > MAX_LEAVES) return false;
      for (const x of v) if (!visit(x)) return false;
      return true;
    }
    if (typeof v === 'object' && v !== null) {
      for (const x of Object.values(v)) if (!visit(x)) return false;
      return true;
    }
    return typeof v === 'boolean';
  };
  if (!visit(value) || leaves === 0) return -1;
  return Math.min(NICHES - 1, leaves <= 2 ? bits : bits >> 1);
}
