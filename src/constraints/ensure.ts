import path from 'node:path';
import type { ExtraProbe } from '../instrument/constraint-probes.js';
import type { ExtraProbes } from '../instrument/install.js';
import type { Target } from '../target/load.js';
import { parseSource, programPath } from '../constraint-lang/anchor.js';
import { placeConstraint } from '../constraint-lang/check.js';
import { constraintsPath, readConstraintsFile, type ConstraintSetInfo, type ConstraintsFile } from './format.js';
import { byFile } from './profile.js';
import { targetSources, type SourceFile } from './sources.js';
import { synthesize, type SynthOptions } from './synth.js';
import { relativePosix } from '../core/posix-path.js';

/** Why a constraints file no longer fits the target's sources, or undefined when it does. */
export function staleness(file: ConstraintsFile, sources: SourceFile[]): string | undefined {
  const now = Object.fromEntries(sources.map((s) => [s.rel, s.hash]));
  const changed = [...new Set([...Object.keys(now), ...Object.keys(file.sources)])].filter((k) => now[k] !== file.sources[k]);
  return changed.length ? `sources changed since synthesis: ${changed.join(', ')}` : undefined;
}

export interface EnsureResult {
  file: ConstraintsFile;
  /** True when this call synthesized (the file was missing or stale). */
  synthesized: boolean;
  /** Why it synthesized. */
  reason?: string;
}

/**
 * The target's constraints, synthesized first when constraints/<id>.json is missing or stale
 * (its instrumented sources changed since). Static unless `options.llm` names a model. An
 * invalid file is an error, not a reason to overwrite someone's edit.
 */
export async function ensureConstraints(target: Target, options: SynthOptions & { force?: boolean }): Promise<EnsureResult> {
  const existing = readConstraintsFile(options.root, target.id);
  const reason = options.force ? 'asked to' : !existing ? 'no constraints file' : staleness(existing, targetSources(target));
  if (existing && !reason) return { file: existing, synthesized: false };
  const result = await synthesize(target, options);
  return { file: result.file, synthesized: true, reason };
}

/**
 * The kept constraints of a file as probes for a campaign, keyed by source path. Constraints
 * whose anchor or expression no longer checks out are left out, each with a warning.
 */
export function activeConstraints(target: Target, file: ConstraintsFile, warn: (m: string) => void = () => {}): ExtraProbes {
  const sources = targetSources(target);
  const programs = new Map<string, ReturnType<typeof programPath>>();
  const probes: ExtraProbe[] = [];
  for (const c of file.constraints) {
    if (c.status !== 'kept') continue;
    const src = sources.find((s) => s.rel === c.location.file);
    if (!src) {
      warn(`constraint ${c.id}: file ${c.location.file} is not instrumented by ${target.id}; left out`);
      continue;
    }
    let program = programs.get(src.rel);
    if (!program) programs.set(src.rel, (program = programPath(parseSource(src.code, src.rel))));
    const placed = placeConstraint(program, src.code, c.location, c.expr);
    if (!placed.ok) {
      warn(`constraint ${c.id}: ${placed.reason}; left out (run wedge synth ${target.id})`);
      continue;
    }
    probes.push({ id: c.id, kind: 'constraint', anchor: { ...c.location, line: placed.line }, expr: c.expr });
  }
  return byFile(probes, sources);
}

/** What a report records of the constraints a search instrumented: the file, its synthesizer, each one's origin. */
export function constraintSetInfo(root: string, file: ConstraintsFile, probes: ExtraProbes): ConstraintSetInfo {
  const ids = new Set(Object.values(probes).flatMap((ps) => ps.filter((p) => p.kind === 'constraint').map((p) => p.id)));
  return {
    file: relativePosix(root, constraintsPath(root, file.target)),
    createdAt: file.createdAt,
    synthesizer: file.synthesizer,
    used: file.constraints.filter((c) => ids.has(c.id)).map((c) => ({ id: c.id, origin: c.origin, ...(c.model ? { model: c.model } : {}) })),
  };
}
