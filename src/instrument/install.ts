import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { addHook } from 'pirates';
import { fileMatcher } from './match.js';
import { probeRegistry, type ProbeRegistry } from './registry.js';
import { markLoadedBefore, noteEsmLoaded } from './loaded.js';
import { instrumentForRequire } from './require-hook.js';
import type { HookData } from './esm-hooks.js';
import type { ExtraProbe } from './constraint-probes.js';

/** esm-hooks has this file's extension: .ts in Wedge's sources, .js compiled into dist/. */
const OWN_EXT = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';

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
  markLoadedBefore();
  // The ESM hook runs on Node's hooks thread: it gets the extra probes as plain data, and tells
  // which files it loaded through a port (for the message when the globs match none of them).
  const { port1, port2 } = new MessageChannel();
  port1.on('message', noteEsmLoaded);
  port1.unref();
  const data: HookData = { globs, baseDir, extras, port: port2 };
  register(new URL(`./esm-hooks${OWN_EXT}`, import.meta.url), { data, transferList: [port2] });
  const matches = fileMatcher(globs, baseDir);
  // .mjs too: Node 20.19+ loads an ES module with require(), through this hook, not the ESM one.
  // .mts: tsx's require hook compiles one for a CommonJS file that requires it.
  addHook((_code, filename) => instrumentForRequire(filename, extras[filename]), {
    exts: ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'],
    ignoreNodeModules: false,
    matcher: matches,
  });
  return registry;
}
