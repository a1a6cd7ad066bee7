import { transformSync } from '@babel/core';
import presetTypescript from '@babel/preset-typescript';
import { wedgeInstrumentPlugin, type PluginState } from './plugin.js';
import type { FileProbes } from './probe-kinds.js';
import type { ExtraProbe } from './constraint-probes.js';

export interface Instrumented extends FileProbes {
  code: string;
}

const TS_FILE = /\.(c|m)?tsx?$/;

/**
 * Instruments one source file. Probe locations come from the original source, and an inline
 * source map lets stack traces point at original lines too. TypeScript is stripped here
 * (types only), so the same path serves .ts and .js.
 */
export function instrumentSource(code: string, filename: string, fileKey: string, extras?: ExtraProbe[]): Instrumented {
  const state: PluginState = { sites: [], file: fileKey, strings: new Set(), numbers: new Set(), chars: new Set(), regexes: [], extras };
  const isTs = TS_FILE.test(filename);
  const out = transformSync(code, {
    filename,
    babelrc: false,
    configFile: false,
    sourceMaps: 'inline',
    sourceType: 'unambiguous',
    compact: false,
    retainLines: false,
    plugins: [[wedgeInstrumentPlugin, state]],
    presets: isTs ? [[presetTypescript, { onlyRemoveTypeImports: true, allowDeclareFields: true }]] : [],
  });
  if (!out?.code) throw new Error(`instrumenting ${filename} produced no code`);
  return { file: fileKey, sites: state.sites, code: out.code };
}
