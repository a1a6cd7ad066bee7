/**
 * Seeds are drawn at the size of the declared budget. fast-check fixes an arbitrary's size when
 * it is built, from its instance's global settings, so every instance the target may build
 * with must be configured before the target loads: Wedge's own, and the user's, which differs
 * under a linked install, with two copies in node_modules, or between its CommonJS and ES module
 * builds (each holds its own settings).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface FastCheckLike {
  configureGlobal(p: object): void;
  readConfigureGlobal(): object;
}

/** An explicit maximum (maxLength...) means size 'max'; unbounded ones get the largest finite size. */
function configure(instance: FastCheckLike): void {
  instance.configureGlobal({ ...instance.readConfigureGlobal(), baseSize: 'xlarge', defaultSizeToMaxWhenMaxSpecified: true });
}

/** Configures Wedge's fast-check and the copies a target file would load (CommonJS and ESM). */
export async function configureFastCheck(targetFile: string): Promise<void> {
  configure(fc as unknown as FastCheckLike);
  const require = createRequire(targetFile);
  let pkgJson: string;
  try {
    pkgJson = require.resolve('fast-check/package.json');
  } catch {
    return; // the target does not see a fast-check of its own: it can only use Wedge's
  }
  try {
    configure(require('fast-check') as FastCheckLike);
  } catch {
    // no CommonJS build: only the ESM one below
  }
  try {
    const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { exports?: Record<string, unknown>; module?: string };
    const esm = esmEntry(pkg);
    if (esm) {
      const mod = (await import(pathToFileURL(path.join(path.dirname(pkgJson), esm)).href)) as { default?: FastCheckLike } & FastCheckLike;
      configure(typeof mod.configureGlobal === 'function' ? mod : mod.default!);
    }
  } catch {
    // an unusual package layout: the shape inference still stretches lengths to the budget
  }
}

function esmEntry(pkg: { exports?: Record<string, unknown>; module?: string }): string | undefined {
  const dot = pkg.exports?.['.'] as Record<string, unknown> | undefined;
  const imp = dot?.import;
  if (typeof imp === 'string') return imp;
  if (imp && typeof imp === 'object' && typeof (imp as Record<string, unknown>).default === 'string') return (imp as Record<string, string>).default;
  return pkg.module;
}
