import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-write.js';

/**
 * constraints/<target>.json: the constraints of one target, kept and dropped, each with why.
 * Committed and reviewed like code, so a campaign can be reproduced; read back through zod so a
 * hand edit gone wrong is reported with the file and the field.
 */

export const CONSTRAINTS_VERSION = 1;

const anchorSchema = z
  .object({
    file: z.string().min(1),
    function: z.string(),
    statement: z.object({
      kind: z.string().min(1),
      path: z.string(),
      hash: z.string().regex(/^[0-9a-f]{12}$/, 'must be 12 hex digits'),
    }),
    line: z.number().int().nonnegative(),
  })
  .strict();

/** How a constraint did on the validation inputs. */
const evidenceSchema = z
  .object({
    inputs: z.number().int().nonnegative(),
    satisfying: z.number().int().nonnegative(),
    medianWorkSatisfying: z.number().nullable(),
    medianWorkOther: z.number().nullable(),
    guardErrors: z.number().int().nonnegative(),
    /** For constraints judged by wall time (the cost sits inside a built-in). */
    medianTimeMsSatisfying: z.number().nullable().optional(),
    medianTimeMsOther: z.number().nullable().optional(),
  })
  .strict();

export const constraintSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    target: z.string().min(1),
    location: anchorSchema,
    expr: z.string().min(1),
    rationale: z.string(),
    origin: z.enum(['static', 'llm']),
    model: z.string().optional(),
    status: z.enum(['kept', 'dropped']),
    reason: z.string().optional(),
    evidence: evidenceSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.status === 'dropped' && !c.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when status is "dropped"' });
    if (c.origin === 'llm' && !c.model) ctx.addIssue({ code: 'custom', path: ['model'], message: 'is required when origin is "llm"' });
  });

export const constraintsFileSchema = z
  .object({
    version: z.literal(CONSTRAINTS_VERSION),
    target: z.string().min(1),
    /** Which synthesizer wrote it: "static", or "llm" with its model (static constraints included). */
    /** cacheKeys: the LLM cache keys of the replies used (constraints/.cache/<key, first 32 digits>.json). */
    synthesizer: z.object({ kind: z.enum(['static', 'llm']), model: z.string().optional(), cacheKeys: z.array(z.string()).optional() }).strict(),
    /** sha256 (12 hex digits) of each instrumented source when synthesized: a change makes the file stale. */
    sources: z.record(z.string(), z.string()),
    createdAt: z.string(),
    constraints: z.array(constraintSchema),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.constraints.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['constraints', i, 'id'], message: `duplicates id "${c.id}"` });
      seen.add(c.id);
      if (c.target !== f.target) ctx.addIssue({ code: 'custom', path: ['constraints', i, 'target'], message: `is "${c.target}", the file is for "${f.target}"` });
    });
  });

export type Constraint = z.infer<typeof constraintSchema>;
export type ConstraintsFile = z.infer<typeof constraintsFileSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;

/** The constraints a search instrumented, as its report records them (for exports and reruns). */
export interface ConstraintSetInfo {
  /** constraints/<id>.json, relative to the project root. */
  file: string;
  createdAt: string;
  synthesizer: { kind: 'static' | 'llm'; model?: string; cacheKeys?: string[] };
  /** The constraints instrumented (kept, and still placed in the source), with where each came from. */
  used: { id: string; origin: 'static' | 'llm'; model?: string }[];
}

export class ConstraintsFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ConstraintsFileError';
  }
}

export function constraintsPath(root: string, targetId: string): string {
  return path.join(root, 'constraints', `${targetId}.json`);
}

/** Parses a constraints file; every problem names the file and the field. */
export function parseConstraintsFile(text: string, where: string): ConstraintsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConstraintsFileError(where, `not valid JSON: ${(e as Error).message}`);
  }
  const parsed = constraintsFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `field "${i.path.join('.') || '(root)'}" ${i.message}`);
    throw new ConstraintsFileError(where, `invalid constraints file:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** The constraints file of a target, or undefined when there is none. */
export function readConstraintsFile(root: string, targetId: string): ConstraintsFile | undefined {
  const file = constraintsPath(root, targetId);
  if (!existsSync(file)) return undefined;
  return parseConstraintsFile(readFileSync(file, 'utf8'), path.relative(root, file) || file);
}

/** Writes the file atomically (a reader sees the old file or the new one, never a part). */
export function writeConstraintsFile(root: string, data: ConstraintsFile): string {
  const checked = constraintsFileSchema.parse(data);
  const file = constraintsPath(root, data.target);
  writeFileAtomic(file, JSON.stringify(checked, null, 2) + '\n');
  return file;
}
