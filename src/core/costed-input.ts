/**
 * An input with its cost: what every stage hands on, under one name. A stage's own record of an
 * input (the corpus's Kept, verification's Candidate, a VerifiedFinding, an exported Finding) is
 * this with what that stage adds; docs/architecture.md lists them.
 */
export interface CostedInput {
  /** The input's content hash: the first 16 hex digits of the SHA-256 of its JSON. Absent for an input not stored under a hash. */
  hash?: string;
  /** The input, a JSON value. */
  input: unknown;
  /** Probe hits of one execution: deterministic, the same on every machine (-1: unknown, as for a hang). */
  work: number;
  /** size(input) of the target. */
  size?: number;
  /** Wall time of one execution in ms, as last measured. */
  timeMs?: number;
}
