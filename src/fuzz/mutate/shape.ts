/**
 * What the mutators know of an input's type, inferred from samples of the target's arbitrary
 * (fast-check arbitraries are opaque): ranges, alphabets, lengths, and a pool of sampled
 * sub-values per position to regenerate from.
 */
export type Shape =
  | { kind: 'number'; int: boolean; min: number; max: number; pool: number[] }
  | { kind: 'string'; chars: string[]; minLen: number; maxLen: number; pool: string[] }
  | {
      kind: 'array';
      item: Shape;
      minLen: number;
      maxLen: number;
      pool: unknown[][];
      /** Per-position shapes of a fixed-length array whose positions disagree in kind (a tuple). */
      tuple?: Shape[];
    }
  | { kind: 'object'; fields: Record<string, Shape>; pool: Record<string, unknown>[] }
  | { kind: 'boolean'; pool: boolean[] }
  /** Anything else (null, undefined, mixed kinds): regenerated from the pool (or a variant mutated). */
  | {
      kind: 'other';
      pool: unknown[];
      /** One shape per kind seen here (e.g. the number in `number | null`), to mutate within it. */
      variants?: Shape[];
    };

/** Literals from the target's own source, spliced in by dictionary mutators. */
export interface Dictionary {
  strings: string[];
  numbers: number[];
}

/** What a mutation may use besides the value itself. */
export interface MutationContext {
  rng: import('../rng.js').Rng;
  dictionary: Dictionary;
  /** Another corpus entry's value, for crossover (may have a different shape at any path). */
  donor?: unknown;
}
