import { register } from 'node:module';
import { addHook } from 'pirates';
import { fileMatcher, fileKey } from './match.js';
import { instrumentSource } from './transform.js';
import { probeRegistry, type ProbeRegistry } from './registry.js';
import type { HookData } from './esm-hooks.js';

/**
 * Instruments, from now on, every module this thread loads whose path matches `globs`
 * (relative to `baseDir`): ES modules through a loader hook, CommonJS through a require hook.
 * Call before the target is imported; returns this thread's probe registry.
 */
export function installInstrumentation(globs: string[], baseDir: string): ProbeRegistry {
  const registry = probeRegistry();
  const data: HookData = { globs, baseDir };
  register(new URL('./esm-hooks.ts', import.meta.url), { data });
  const matches = fileMatcher(globs, baseDir);
  addHook((code, filename) => instrumentSource(code, filename, fileKey(filename)).code, {
    exts: ['.js', '.cjs', '.ts', '.cts'],
    ignoreNodeModules: false,
    matcher: matches,
  });
  return registry;
}
