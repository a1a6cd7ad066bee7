// Istanbul instrumentation of one source file, separate from Wedge's work counters: coverage
// reports need istanbul's own data format, which lcov and HTML reporters read.
import { transformSync, types, type PluginObj, type NodePath } from '@babel/core';
import presetTypescript from '@babel/preset-typescript';
import modulesCommonjs from '@babel/plugin-transform-modules-commonjs';
import { programVisitor } from 'istanbul-lib-instrument';
import { readFileSync } from 'node:fs';

/** The global the instrumented code counts into; not istanbul's default, so a project's own nyc does not collide. */
export const COVERAGE_VARIABLE = '__wedgeCoverage__';

const TS_FILE = /\.(c|m)?tsx?$/;
/** Import or export statements: the file is an ES module (a cheap test before parsing). */
const MODULE_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;

/**
 * Babel plugin running istanbul's visitor on the program as parsed, before the TypeScript preset
 * strips types, so statement, branch and function locations are those of the original source.
 */
function istanbulPlugin(file: string): PluginObj {
  let visitor: ReturnType<typeof programVisitor> | undefined;
  return {
    visitor: {
      Program: {
        enter(path: NodePath<types.Program>) {
          visitor = programVisitor(types, file, { coverageVariable: COVERAGE_VARIABLE, esModules: true });
          visitor.enter(path);
        },
        exit(path: NodePath<types.Program>) {
          visitor?.exit(path);
        },
      },
    },
  };
}

/**
 * The file's own source (never a loader's output, whose lines differ) instrumented for coverage;
 * `commonjs` turns an ES module into CommonJS, for the require() side.
 */
export function instrumentForCoverage(file: string, commonjs: boolean): string {
  const source = readFileSync(file, 'utf8');
  const out = transformSync(source, {
    filename: file,
    babelrc: false,
    configFile: false,
    sourceType: 'unambiguous',
    sourceMaps: 'inline',
    compact: false,
    plugins: [istanbulPlugin(file), ...(commonjs && MODULE_SYNTAX.test(source) ? [modulesCommonjs] : [])],
    presets: TS_FILE.test(file) ? [[presetTypescript, { onlyRemoveTypeImports: true, allowDeclareFields: true }]] : [],
  });
  if (!out?.code) throw new Error(`instrumenting ${file} for coverage produced no code`);
  return out.code;
}
