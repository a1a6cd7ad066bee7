/** How a shorter copy of a sequence is cut from the original. */
export type ScaleCut = 'prefix' | 'suffix' | 'ends';

export const SCALE_CUTS: readonly ScaleCut[] = ['prefix', 'suffix', 'ends'];

/**
 * A copy of `input` with each outermost array and string cut to `fraction` of its length,
 * keeping the finding's shape: a prefix of a descending array is still descending, and
 * `ends` keeps the last element, where a shape often puts its trigger ('aaaa…!').
 * Elements of arrays are not cut themselves (an edge [u, v, w] stays whole).
 */
export function scaleInput(input: unknown, fraction: number, cut: ScaleCut): unknown {
  if (typeof input === 'string') return cutSeq([...input], fraction, cut).join('');
  if (Array.isArray(input)) return cutSeq(input, fraction, cut);
  if (input !== null && typeof input === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) out[k] = scaleInput(v, fraction, cut);
    return out;
  }
  return input;
}

/** Whether the input holds any array or string to scale. */
export function hasSequence(input: unknown): boolean {
  if (typeof input === 'string' || Array.isArray(input)) return true;
  if (input !== null && typeof input === 'object') return Object.values(input).some(hasSequence);
  return false;
}

function cutSeq<T>(xs: T[], fraction: number, cut: ScaleCut): T[] {
  // A non-empty sequence stays non-empty: many targets require at least one element.
  const n = xs.length === 0 ? 0 : Math.max(1, Math.min(xs.length, Math.round(xs.length * fraction)));
  if (cut === 'prefix') return xs.slice(0, n);
  if (cut === 'suffix') return xs.slice(xs.length - n);
  return n <= 1 ? xs.slice(xs.length - n) : [...xs.slice(0, n - 1), xs[xs.length - 1]!];
}
