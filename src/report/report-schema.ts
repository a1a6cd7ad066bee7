import { z } from 'zod';

/*
 * report.json as it is read back (by verify, report, the exports and the gate). The TypeScript
 * types (FuzzReport, VerifiedSection) say what a run writes; this schema checks a file before
 * anything uses it, so a hand-edited, truncated or foreign file is refused with the field at
 * fault rather than failing later inside a stage. Fields added over time are optional, so
 * reports written by earlier versions still read; fields not listed pass through untouched.
 */

const num = z.number();
const count = z.number().int().nonnegative();

/** An input with its cost, as a run keeps it (top and slowest lists). */
const keptInput = z.looseObject({
  hash: z.string(),
  input: z.unknown().optional(),
  work: num,
  size: num.optional(),
  timeMs: num.optional(),
  reasons: z.array(z.string()).optional(),
  foundAtMs: num.optional(),
});

/** A hang, out-of-memory or error finding. */
const finding = z.looseObject({
  kind: z.enum(['hang', 'oom', 'error']),
  hash: z.string(),
  input: z.unknown().optional(),
  detail: z.string().optional(),
  foundAtMs: num.optional(),
  minTimeMs: num.optional(),
});

const progressPoint = z.looseObject({ tMs: num, execs: num, bestWork: num, bestTimeMs: num });

/** A finding re-measured in a fresh process. */
const verifiedFinding = z.looseObject({
  rank: count,
  hash: z.string().optional(),
  input: z.unknown().optional(),
  size: num,
  work: num,
  bound: z.enum(['work', 'time']).optional(),
  minimized: z.looseObject({ input: z.unknown().optional(), work: num }).optional(),
});

const verified = z.looseObject({
  verifiedAt: z.string().optional(),
  findings: z.array(verifiedFinding),
  hangs: z.array(z.looseObject({ input: z.unknown().optional(), size: num, limitMs: num })).optional(),
  baselines: z.array(z.looseObject({})).optional(),
  hotLines: z.looseObject({ slowest: z.array(z.looseObject({})), typical: z.array(z.looseObject({})) }).optional(),
  sources: z.record(z.string(), z.string()).optional(),
});

const constraintRow = z.looseObject({ id: z.string(), expr: z.string().optional(), location: z.string().optional() });

export const reportSchema = z.looseObject({
  version: z.literal(1).optional(),
  target: z.string(),
  run: z.string(),
  startedAt: z.string().optional(),
  mode: z.string().optional(),
  seed: num.optional(),
  budget: z.looseObject({ timeMs: num.optional(), execs: num.optional() }).optional(),
  durationMs: num.optional(),
  execs: count.optional(),
  corpusSize: count.optional(),
  errorGroups: z.record(z.string(), num).optional(),
  findings: z.array(finding).optional(),
  best: z.looseObject({ work: num.optional(), timeMs: num.optional(), input: z.unknown().optional(), slowestInput: z.unknown().optional() }).optional(),
  top: z.array(keptInput),
  slowest: z.array(keptInput).optional(),
  progress: z.array(progressPoint),
  sizes: z.looseObject({ budget: num, largestKept: num }).optional(),
  constraints: z.array(constraintRow).optional(),
  verified: verified.optional(),
});

/** The fields a report cannot be read without: a file lacking them is not a report at all. */
export const REQUIRED_FIELDS = ['target', 'run', 'top', 'progress'] as const;

/** "field "top[0].work": expected number, received string", for the first few problems. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((i) => {
    const where = i.path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
    return `field "${where || '(root)'}": ${i.message}`;
  });
  if (error.issues.length > max) lines.push(`and ${error.issues.length - max} more`);
  return lines.join('; ');
}
