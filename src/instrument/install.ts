import { register } from 'node:module';
import { addHook } from 'pirates';
import { fileMatcher, fileKey } from './match.js';
import { instrumentSource } from './transform.js';
import { probeRegistry, type ProbeRegistry } from './registry.js';
import type { HookData } from './esm-hooks.js';
import type { ExtraProbe } from './constraint-probes.js';

/** Constraint and measure probes by absolute source path. */
export type ExtraProbes = Record<string, ExtraProbe[]>;

/**
 * Instruments, from now on, every module this thread loads whose path matches `globs`
 * (relative to `baseDir`): ES modules through a loader hook, CommonJS through a require hook.
 * `extras` adds constraint (and measure) probes to the files it names.
 * Call before the target is imported; returns this thread's probe registry.
 */
export function installInstrumentation(globs: string[], baseDir: string, extras: ExtraProbes = {}): ProbeRegistry {
  const registry = probeRegistry();
  // The ESM hook runs on Node's hooks thread: it gets the extra probes as plain data.
  const data: HookData = { globs, baseDir, extras };
  register(new URL('./esm-hooks.ts', import.meta.url), { data });
  const matches = fileMatcher(globs, baseDir);
  addHook((code, filename) => instrumentSource(code, filename, fileKey(filename), extras[filename]).code, {
    exts: ['.js', '.cjs', '.ts', '.cts'],
    ignoreNodeModules: false,
    matcher: matches,
  });
  return registry;
}
