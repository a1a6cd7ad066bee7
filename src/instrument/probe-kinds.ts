/** Where a probe sits; the kind says what one hit means. */
export type ProbeKind =
  | 'function'
  | 'branch'
  | 'else'
  | 'case'
  | 'loop'
  | 'loop-exit'
  | 'logical'
  | 'cond'
  | 'catch'
  | 'constraint';

/** One instrumented point of one file; `line` and `column` are in the original source. */
export interface ProbeSite {
  kind: ProbeKind;
  line: number;
  column: number;
  /** Name of the enclosing function, or '' at module level. */
  fn: string;
  /** For kind 'constraint': the id of the constraint it counts. */
  constraint?: string;
}

/** The probes of one instrumented file, in id order. */
export interface FileProbes {
  /** Path of the file relative to the working directory (stable across machines). */
  file: string;
  sites: ProbeSite[];
}

/** Name of the global that instrumented code reaches the probe registry through. */
export const REGISTRY_GLOBAL = '__wedge_probes';

/** A regular expression of the instrumented code: a literal, or a pattern built at run time. */
export interface SourceRegex {
  source: string;
  flags: string;
  line: number;
  fn: string;
  /** Set by the registry: the file it is in. */
  file?: string;
  /** Compiled at run time (`new RegExp`), not written as a literal. */
  dynamic?: boolean;
}
