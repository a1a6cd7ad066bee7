import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Arbitrary } from 'fast-check';
import { targetSchema } from './schema.js';

/** A target file loaded and checked. `fn` is resolved (module + export already looked up). */
export interface Target {
  id: string;
  description: string;
  file: string;
  dir: string;
  fn: (input: unknown) => unknown;
  input: Arbitrary<unknown>;
  size: (input: unknown) => number;
  maxSize: number;
  validate?: (input: unknown) => boolean;
  instrument: string[];
  /** Whether general-purpose string alphabets take the source's characters (see TargetSpec). */
  alphabet: 'open' | 'closed' | 'auto';
  /** The module and export named by a target written as module + export (absent with fn). */
  entry?: { module: string; export: string };
}

export class TargetError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'TargetError';
  }
}

/** Finds a target by id (targets/<id>.target.ts, or .mts, .cts, .js, .mjs, .cjs) or by path. */
export function resolveTargetFile(ref: string, cwd = process.cwd()): string {
  const candidates = [ref, ...['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].map((ext) => `targets/${ref}.target.${ext}`)];
  for (const c of candidates) {
    const p = path.resolve(cwd, c);
    if (existsSync(p) && /\.(m|c)?[jt]s$/.test(p)) return p;
  }
  throw new TargetError(ref, `no target file found (looked for ${candidates.slice(1).join(', ')} and the path itself)`);
}

/**
 * The target a module exports: `export default` or `export const target`. A TypeScript target in
 * a CommonJS package is compiled to CommonJS, and import() hands back `{ default: module.exports }`
 * with the target's own default inside, marked by `__esModule`.
 */
function targetExport(mod: Record<string, unknown>): unknown {
  const cjs = mod.default;
  if (cjs !== null && typeof cjs === 'object' && '__esModule' in cjs) {
    const exports = cjs as Record<string, unknown>;
    return exports.default ?? exports.target;
  }
  return mod.default ?? mod.target;
}

/**
 * A module's exports, as import() gives them. A .cts or .cjs file is required: imported, a .cts
 * file would run as source compiled by tsx outside Node's CommonJS loader, where its require()
 * of an ES module (such as `wedge`) fails.
 */
async function importModule(file: string): Promise<Record<string, unknown>> {
  if (/\.c[jt]s$/.test(file)) return { default: createRequire(file)(file) as unknown };
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/** Imports and validates a target file (an id or a path, from `cwd`); every problem names the file and the field. */
export async function loadTarget(ref: string, cwd = process.cwd()): Promise<Target> {
  const file = resolveTargetFile(ref, cwd);
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (e) {
    throw new TargetError(file, `cannot be loaded: ${(e as Error).message}`);
  }
  const spec = targetExport(mod);
  if (spec === undefined) throw new TargetError(file, 'has no default export (export default defineTarget({...}))');
  const parsed = targetSchema.safeParse(spec);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `field "${i.path.join('.') || '(root)'}" ${i.message}`);
    throw new TargetError(file, `invalid target:\n  ${lines.join('\n  ')}`);
  }
  const t = parsed.data;
  const dir = path.dirname(file);
  let fn = t.fn;
  if (!fn) {
    const modPath = path.resolve(dir, t.module!);
    let codeMod: Record<string, unknown>;
    try {
      codeMod = await importModule(modPath);
    } catch (e) {
      throw new TargetError(file, `field "module": cannot load ${t.module}: ${(e as Error).message}`);
    }
    const exported = codeMod[t.export!] ?? (codeMod.default as Record<string, unknown> | undefined)?.[t.export!];
    if (typeof exported !== 'function') throw new TargetError(file, `field "export": ${t.module} has no function export "${t.export}"`);
    fn = exported as (input: unknown) => unknown;
  }
  return {
    id: t.id,
    description: t.description ?? '',
    file,
    dir,
    fn,
    input: t.input as Arbitrary<unknown>,
    size: t.size,
    maxSize: t.maxSize,
    validate: t.validate,
    instrument: t.instrument,
    alphabet: t.alphabet ?? 'auto',
    ...(t.module && t.export ? { entry: { module: t.module, export: t.export } } : {}),
  };
}

/** A target as the library takes it: an id, a path or file URL of a target file, or a loaded target. */
export type TargetRef = string | URL | Target;

/** The loaded target a reference names; ids and relative paths are looked up from `cwd`. */
export async function resolveTarget(ref: TargetRef, cwd = process.cwd()): Promise<Target> {
  if (typeof ref === 'string') return loadTarget(ref, cwd);
  if (ref instanceof URL) return loadTarget(fileURLToPath(ref), cwd);
  return ref;
}
