import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import { sourceHash, targetSources } from '../constraints/sources.js';
import type { Target } from '../target/load.js';
import { relativePosix } from '../core/posix-path.js';

/** One instrumented file of a target, as a dataset row describes it. */
export interface SourceInfo {
  /** Relative to the project root, with forward slashes. */
  path: string;
  /** The functions of this file the target calls. */
  exports: string[];
  code: string;
  /** sha256 of `code`, 12 hex digits (as constraints files record sources). */
  sha256: string;
  /** npm package and version, when the file is under node_modules. */
  package?: string;
  version?: string;
}

/**
 * The target's instrumented files with what it calls in each: the `export` of a module + export
 * target, or for an `fn` target the names its file imports from them (the adapter calls those).
 * The code is the text that was measured when the report kept it (`measured`, keyed by path
 * relative to the root), else the file as it is now; `changed` lists files whose text differs.
 */
export function targetSourceInfo(target: Target, root: string, measured: Record<string, string> = {}): { files: SourceInfo[]; changed: string[] } {
  const imported = importsOf(target);
  const changed: string[] = [];
  const files = targetSources(target).map((s): SourceInfo => {
    const rel = relativePosix(root, s.abs);
    const then = measured[rel];
    if (then !== undefined && then !== s.code) changed.push(rel);
    const code = then ?? s.code;
    return { path: rel, exports: imported.get(s.abs) ?? [], code, sha256: sourceHash(code), ...packageOf(s.abs) };
  });
  return { files, changed };
}

/** The file a row names as its source: the first one the target calls into, else the first. */
export function primarySource(files: SourceInfo[]): SourceInfo | undefined {
  return files.find((f) => f.exports.length > 0) ?? files[0];
}

/** Real path of each imported module → the names imported from it (and the entry export). */
function importsOf(target: Target): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (spec: string, names: string[]) => {
    const file = resolveModule(target.dir, spec);
    if (!file) return;
    const list = out.get(file) ?? [];
    for (const n of names) if (!list.includes(n)) list.push(n);
    out.set(file, list);
  };
  if (target.entry) add(target.entry.module, [target.entry.export]);
  let program;
  try {
    program = parse(readFileSync(target.file, 'utf8'), { sourceType: 'module', plugins: ['typescript'] }).program;
  } catch {
    return out; // the target loaded, so this is a syntax Babel lacks; exports stay unknown
  }
  for (const node of program.body) {
    if (node.type !== 'ImportDeclaration' || node.importKind === 'type') continue;
    const names = node.specifiers.flatMap((sp) => {
      if (sp.type === 'ImportDefaultSpecifier') return ['default'];
      if (sp.type === 'ImportNamespaceSpecifier') return [];
      if (sp.importKind === 'type') return [];
      return [sp.imported.type === 'Identifier' ? sp.imported.name : sp.imported.value];
    });
    add(node.source.value, names);
  }
  return out;
}

/** A relative import specifier → the real path of the file it loads (TS's `.js` → `.ts` too). */
function resolveModule(dir: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(dir, spec);
  const candidates = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), ...['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs'].map((e) => base + e)];
  const found = candidates.find((c) => existsSync(c));
  return found ? realpathSync(found) : undefined;
}

/** The nearest package.json of a file under node_modules: its name and version. */
function packageOf(file: string): { package?: string; version?: string } {
  const parts = file.split(path.sep);
  const modules = parts.lastIndexOf('node_modules');
  if (modules < 0) return {};
  for (let end = parts.length - 1; end > modules + 1; end--) {
    const pj = parts.slice(0, end).concat('package.json').join(path.sep);
    if (!existsSync(pj)) continue;
    try {
      const data = JSON.parse(readFileSync(pj, 'utf8')) as { name?: unknown; version?: unknown };
      // Nested package.json files without a name only set "type"; keep climbing.
      if (typeof data.name !== 'string') continue;
      return { package: data.name, ...(typeof data.version === 'string' ? { version: data.version } : {}) };
    } catch {
      continue;
    }
  }
  return {};
}

