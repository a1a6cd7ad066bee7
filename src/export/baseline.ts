import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-write.js';

/** reports/baseline.json, relative to the project root. Committed: it is what CI compares with. */
export const DEFAULT_BASELINE = path.join('reports', 'baseline.json');

const findingSchema = z.object({
  work: z.number().int('must be a whole number').nonnegative('must be ≥ 0'),
  size: z.number().optional(),
  input: z.unknown(),
});

const targetSchema = z.object({
  /** The target file, relative to the project root (posix). */
  file: z.string().min(1, 'must name the target file'),
  /** Overrides the gate's threshold for this target; set by hand, kept by --update. */
  thresholdPercent: z.number().nonnegative('must be ≥ 0').optional(),
  /** The largest work among the findings: what a new input found by --fuzz must not beat. */
  worst: z.number().nonnegative('must be ≥ 0'),
  /** By content hash of the input. */
  findings: z.record(z.string(), findingSchema),
});

const baselineSchema = z.object({
  version: z.literal(1, 'must be 1'),
  targets: z.record(z.string(), targetSchema),
});

export type BaselineFinding = z.infer<typeof findingSchema>;
export type BaselineTarget = z.infer<typeof targetSchema>;
export type BaselineFile = z.infer<typeof baselineSchema>;

/** A baseline that is missing or unreadable: an input error, not a regression. */
export class BaselineError extends Error {}

/** Reads and checks the baseline; `undefined` when the file does not exist. */
export function readBaseline(file: string, shown = file): BaselineFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`${shown}: cannot read the baseline (${(e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${shown}: the baseline is not valid JSON (${(e as Error).message}); fix it, restore it from version control, or delete it and run "wedge gate <targets...> --update"`);
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `field "${i.path.join('.') || '(root)'}" ${/received undefined$/.test(i.message) ? 'is missing' : i.message}`);
    throw new BaselineError(`${shown}: not a valid Wedge baseline:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/**
 * Writes the baseline atomically, targets by id and findings by work (highest first), each input
 * on one line, so a review sees which findings changed and diffs stay small.
 */
export function writeBaseline(file: string, b: BaselineFile): void {
  // Inputs stand in as numbered placeholders while the rest is indented, then go in compact.
  const inputs: string[] = [];
  const placeholder = (input: unknown) => `\u0000${inputs.push(JSON.stringify(input) ?? 'null') - 1}`;
  const targets = Object.fromEntries(
    Object.keys(b.targets)
      .sort()
      .map((id) => {
        const t = b.targets[id]!;
        const findings = Object.fromEntries(
          Object.entries(t.findings)
            .sort(([ha, x], [hb, y]) => y.work - x.work || ha.localeCompare(hb))
            .map(([hash, f]) => [hash, { ...f, input: placeholder(f.input) }]),
        );
        return [id, { file: t.file, ...(t.thresholdPercent !== undefined ? { thresholdPercent: t.thresholdPercent } : {}), worst: t.worst, findings }];
      }),
  );
  const text = JSON.stringify({ version: 1, targets }, null, 1).replace(/"\\u0000(\d+)"/g, (_, i: string) => inputs[Number(i)]!);
  writeFileAtomic(file, text + '\n');
}
