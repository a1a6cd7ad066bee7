// One target file per package, written the way a user would: the call from targets.json and a
// string arbitrary at the length budget, nothing else (never the known attack).
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../src/core/atomic-write.js';
import type { RealworldTarget } from './config.js';

export function targetSource(t: RealworldTarget): string {
  const alias = JSON.stringify(t.install_alias);
  const load = t.esm
    ? [`const mod = await import(${alias});`]
    : [`import { createRequire } from 'node:module';`, `const require = createRequire(import.meta.url);`, `const mod = require(${alias});`];
  return [
    `import fc from 'fast-check';`,
    `import { defineTarget } from 'wedge';`,
    ...load,
    ``,
    `export default defineTarget({`,
    `  id: ${JSON.stringify(t.id)},`,
    `  fn: (input) => ${t.call},`,
    `  input: fc.string({ maxLength: ${t.L} }),`,
    `  size: (s) => s.length,`,
    `  maxSize: ${t.L},`,
    // Globs are relative to this file, which sits in <cache>/targets/.
    `  instrument: [${JSON.stringify(`../node_modules/${t.install_alias}/**/*.{js,cjs,mjs}`)}],`,
    `});`,
    ``,
  ].join('\n');
}

/** Writes <cache>/targets/<id>.target.mjs (only when it changed); returns its path. */
export function writeTargetFile(cache: string, t: RealworldTarget): string {
  const file = path.join(cache, 'targets', `${t.id}.target.mjs`);
  const text = targetSource(t);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileAtomic(file, text);
  return file;
}
