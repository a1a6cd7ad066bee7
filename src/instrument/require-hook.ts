// The require() side of instrumentation. The code a require hook is handed may already be a
// loader's output (tsx compiles TypeScript and turns ES modules into minified CommonJS), where
// probes would sit on the wrong lines: probes are placed in the file's own source instead, and
// an ES module is then turned into CommonJS here, so the files it imports are required, and
// instrumented, too. Node 20 would otherwise load a required ES module's imports with no hooks.
import { transformSync } from '@babel/core';
import modulesCommonjs from '@babel/plugin-transform-modules-commonjs';
import { readFileSync } from 'node:fs';
import type { ExtraProbe } from './constraint-probes.js';
import { fileKey } from './match.js';
import { instrumentSource } from './transform.js';

/** Import or export statements: the file is an ES module (a cheap test before parsing). */
const MODULE_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;

export function instrumentForRequire(filename: string, extras: ExtraProbe[] | undefined): string {
  const source = readFileSync(filename, 'utf8');
  const instrumented = instrumentSource(source, filename, fileKey(filename), extras).code;
  if (!MODULE_SYNTAX.test(source)) return instrumented;
  const out = transformSync(instrumented, {
    filename,
    babelrc: false,
    configFile: false,
    sourceType: 'unambiguous',
    sourceMaps: 'inline',
    compact: false,
    plugins: [modulesCommonjs],
  });
  if (!out?.code) throw new Error(`turning ${filename} into CommonJS produced no code`);
  return out.code;
}
