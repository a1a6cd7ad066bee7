import { installInstrumentation, type ExtraProbes } from '../instrument/install.js';
import { nothingMatchedMessage } from '../instrument/loaded.js';
import type { ProbeRegistry } from '../instrument/registry.js';
import { configureFastCheck } from '../target/fast-check-config.js';
import { loadTarget, resolveTargetFile, type Target } from '../target/load.js';

/** Where a target is and what of it to instrument: what a fuzz worker and the measurement process are started with. */
export interface BootJob {
  targetFile: string;
  globs: string[];
  baseDir: string;
  /** Constraint probes to add, by source path. */
  extras?: ExtraProbes;
}

/** A target loaded with its code instrumented, and the registry whose counters its executions fill. */
export interface BootedTarget {
  target: Target;
  registry: ProbeRegistry;
}

/**
 * Loads a target instrumented, in the thread or process that will run it. The order matters:
 * arbitraries fix their size when built, so every fast-check the target may use is set up
 * first; then the module hooks, so the target's imports load instrumented; then the target.
 * Whether the globs matched anything is checked later (see checkInstrumented): a module `fn`
 * requires lazily loads only on its first execution.
 */
export async function bootTarget(job: BootJob): Promise<BootedTarget> {
  await configureFastCheck(resolveTargetFile(job.targetFile));
  const registry = installInstrumentation(job.globs, job.baseDir, job.extras);
  const target = await loadTarget(job.targetFile);
  return { target, registry };
}

/** Throws, listing what was loaded where the globs point, when no instrumented code has loaded. */
export async function checkInstrumented(registry: ProbeRegistry, job: BootJob): Promise<void> {
  if (registry.used === 0) throw new Error(await nothingMatchedMessage(job.targetFile, job.globs, job.baseDir));
}
