import path from 'node:path';
import { activeConstraints } from '../constraints/ensure.js';
import { constraintsPath, readConstraintsFile } from '../constraints/format.js';
import { execInputs } from '../fuzz/spawn.js';
import type { Target } from '../target/load.js';
import { relativePosix } from '../core/posix-path.js';

export interface Replayed {
  /** The constraints evaluated: the kept ones of constraints/<id>.json that still place. */
  checked: string[];
  /** Per input, the ids of those that were true at least once. */
  satisfied: string[][];
  /** Per input, its work on this replay (constraint probes are not work). */
  work: number[];
  /** The constraints file used, when there is one. */
  file?: { path: string; createdAt: string; synthesizer: { kind: string; model?: string } };
}

/**
 * Which constraints each input satisfies, measured rather than assumed: the inputs run once in a
 * worker with the target's kept constraints instrumented, as a search runs them, and a constraint
 * counts as satisfied when its probe was true at least once. A report does not keep this per
 * input, and the constraints may have been re-synthesized since the run, so a replay is the one
 * answer that holds for the constraints file as it is.
 */
export async function replayConstraints(target: Target, root: string, inputs: unknown[], warn: (m: string) => void): Promise<Replayed> {
  const file = readConstraintsFile(root, target.id);
  const probes = file ? activeConstraints(target, file, (m) => warn(`${target.id}: ${m}`)) : {};
  const checked = Object.values(probes).flatMap((ps) => ps.filter((p) => p.kind === 'constraint').map((p) => p.id));
  const reports = inputs.length
    ? await execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs, repeats: 0, warmup: false, extras: probes })
    : [];
  return {
    checked,
    satisfied: reports.map((r) => checked.filter((id) => (r.constraints?.[id]?.hits ?? 0) > 0)),
    work: reports.map((r) => r.work),
    ...(file
      ? { file: { path: relativePosix(root, constraintsPath(root, target.id)), createdAt: file.createdAt, synthesizer: file.synthesizer } }
      : {}),
  };
}
