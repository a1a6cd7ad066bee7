// What the suite records per package, and the summary counts.

export interface TimedInput {
  /** Where the input came from (a Wedge candidate's origin, or the regex it attacks). */
  from: string;
  length: number;
  ratio: number;
  timedOut: boolean;
}

export interface WedgeOutcome {
  seconds: number;
  execs: number;
  execsPerSec: number;
  corpusSize: number;
  probes: number;
  covered: number;
  hangs: number;
  ooms: number;
  errors: number;
  reportPath: string;
  /** Wedge's stderr: warnings and errors. */
  stderr: string[];
  candidates: TimedInput[];
  best?: TimedInput;
  ratio: number;
  score: number;
  /** The best candidate on the fixed version. */
  fixed?: { alias: string; ratio: number; timedOut: boolean };
}

export interface RecheckOutcome {
  seconds: number;
  files: string[];
  filesHow: 'loaded' | 'all-files';
  regexes: number;
  checked: number;
  status: Record<string, number>;
  vulnerable: number;
  timed: (TimedInput & { pattern: string; flags: string; complexity: string; file: string; line: number })[];
  ratio: number;
  score: number;
}

export interface RealworldResult {
  id: string;
  L: number;
  known: { ratio: number; timedOut: boolean; length: number; fixed?: { alias: string; ratio: number; timedOut: boolean } };
  wedge: WedgeOutcome | { error: string };
  recheck: RecheckOutcome | { error: string };
}

export const ok = <T extends object>(x: T | { error: string }): x is T => !('error' in x);

export function wedgeScore(r: RealworldResult): number | null {
  return ok(r.wedge) ? r.wedge.score : null;
}

export function recheckScore(r: RealworldResult): number | null {
  return ok(r.recheck) ? r.recheck.score : null;
}
