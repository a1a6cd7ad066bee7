// ES module packages a target may load with require(). Node 20 loads such a package, and every
// file it imports, without running module hooks, so its code would run uninstrumented. Imported
// first (through the hooks, instrumented), the package is in Node's module cache, and a later
// require() of it returns that instance.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { globScopes, isEsmFile } from './loaded.js';

/**
 * Imports, through the module hooks, each package the globs name whose entry for require() is
 * an ES module. Call after installInstrumentation and before the target loads. A package that
 * cannot be resolved or fails to load is left to the target, which reports it as it would.
 */
export async function preloadEsmPackages(globs: string[], baseDir: string): Promise<string[]> {
  const require = createRequire(path.join(baseDir, 'target.js'));
  const loaded: string[] = [];
  for (const root of new Set(globScopes(globs, baseDir))) {
    const name = packageName(root);
    if (!name) continue;
    const entry = resolveIn(require, name, root);
    if (!entry || !isEsmFile(entry)) continue;
    try {
      await import(pathToFileURL(entry).href);
      loaded.push(entry);
    } catch {
      // The target's own require() will throw the same error, where it belongs.
    }
  }
  return loaded;
}

/** The file require() loads for the package at `root`: by name as the target would, else by path. */
function resolveIn(require: NodeRequire, name: string, root: string): string | undefined {
  for (const spec of [name, root]) {
    try {
      const file = require.resolve(spec);
      if (file.startsWith(root + path.sep)) return file;
    } catch {
      // not resolvable this way
    }
  }
  return undefined;
}

/** The name a package folder is required by: `foo` or `@scope/foo` after the last node_modules. */
function packageName(root: string): string | undefined {
  const parts = root.split(/[\\/]/);
  const nm = parts.lastIndexOf('node_modules');
  if (nm < 0 || nm + 1 >= parts.length) return undefined;
  return parts.slice(nm + 1).join('/');
}
