import { register } from 'node:module';
import { addHook } from 'pirates';
import { fileMatcher } from '../instrument/match.js';
import { instrumentForCoverage } from './transform.js';
import type { CoverageHookData } from './esm-hooks.js';

/** esm-hooks has this file's extension: .ts in Wedge's sources, .js compiled into dist/. */
const OWN_EXT = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';

/**
 * Instruments for istanbul coverage, from now on, every module this thread loads whose path
 * matches the target's globs: ES modules through a loader hook, CommonJS through a require hook.
 */
export function installCoverageHooks(globs: string[], baseDir: string): void {
  const data: CoverageHookData = { globs, baseDir };
  register(new URL(`./esm-hooks${OWN_EXT}`, import.meta.url), { data });
  addHook((_code, filename) => instrumentForCoverage(filename, true), {
    exts: ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'],
    ignoreNodeModules: false,
    matcher: fileMatcher(globs, baseDir),
  });
}
