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

/** Identity with types: gives editors the shape and lets the loader check it. */
export function defineTarget<T>(spec: TargetSpec<T>): TargetSpec<T> {
  return spec;
}
