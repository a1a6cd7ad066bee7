import type { Arbitrary } from 'fast-check';

/**
 * What a user writes in `targets/<id>.target.ts`. `fn` is the entry point the fuzzer calls
 * with one generated input; for code with a text or wire format it is the adapter that renders
 * the structured input, so mutation changes structure and never breaks the format.
 */
export interface TargetSpec<T = unknown> {
  /** Stable name; corpora, reports and constraints are filed under it. */
  id: string;
  description?: string;
  /** The function under test (or an adapter around it). Either this or module + export. */
  fn?: (input: T) => unknown;
  /** Module path, relative to the target file, whose `export` is the function under test. */
  module?: string;
  export?: string;
  /** The input language: a fast-check arbitrary. Seeds are drawn at size 'max'. */
  input: Arbitrary<T>;
  /** The size measure the budget applies to (elements, characters, ...). */
  size: (input: T) => number;
  maxSize: number;
  /** Precondition every mutated input must meet; inputs failing it are never run. */
  validate?: (input: T) => boolean;
  /**
   * Whether string inputs may also get the characters the instrumented source tests for.
   * Default 'auto': open for a general-purpose alphabet (e.g. `fc.string()`), closed for a
   * narrow one (`constantFrom`, `stringMatching`, hex digits...).
   */
  alphabet?: 'open' | 'closed' | 'auto';
  /** Globs, relative to the target file, naming the source files to instrument. */
  instrument: string[];
}

/**
 * A fast-check arbitrary of T, by its shape. A CommonJS file (a .cts target, or .ts in a CommonJS
 * package) sees fast-check's CommonJS typings, which TypeScript holds apart from the ES module
 * typings Wedge's own are written against (their classes have private members): an `Arbitrary<T>`
 * parameter would reject every arbitrary such a file makes.
 */
export interface ArbitraryOf<T> {
  generate(mrng: never, biasFactor: number | undefined): { readonly value: T };
}

/** Identity with types: gives editors the shape and lets the loader check it. */
export function defineTarget<T>(spec: Omit<TargetSpec<T>, 'input'> & { input: ArbitraryOf<T> }): TargetSpec<T> {
  return spec as TargetSpec<T>;
}
