// Module hooks for ES modules; runs on Node's hooks thread, so it keeps no state but the matcher,
// the extra probes and the port it was given at registration.
import { existsSync, readFileSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { fileMatcher, fileKey } from './match.js';
import { instrumentSource } from './transform.js';
import { instrumentForRequire } from './require-hook.js';
import type { ExtraProbe } from './constraint-probes.js';

export interface HookData {
  globs: string[];
  baseDir: string;
  /** Constraint and measure probes by absolute source path. */
  extras?: Record<string, ExtraProbe[]>;
  /** Told the URL of every file loaded (see loaded.ts). */
  port?: MessagePort;
}

let matches: (file: string) => boolean = () => false;
let extras: Record<string, ExtraProbe[]> = {};
let port: MessagePort | undefined;

export async function initialize(data: HookData): Promise<void> {
  matches = fileMatcher(data.globs, data.baseDir);
  extras = data.extras ?? {};
  port = data.port;
}

type LoadResult = { format?: string | null; source?: string | ArrayBuffer | Uint8Array; shortCircuit?: boolean };
type NextLoad = (url: string, context: { format?: string | null }) => Promise<LoadResult>;

export async function load(url: string, context: { format?: string | null }, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (url.startsWith('file:')) port?.postMessage(url);
  if (!url.startsWith('file:')) return result;
  // CommonJS goes through the require hook, unless a loader compiled it for import (tsx does, for
  // TypeScript that runs as CommonJS: .cts, or .ts in a CommonJS package): Node then runs that
  // source and no require hook sees it, so it is instrumented here, as the require hook would.
  if (result.format === 'commonjs' && result.source != null) {
    const file = compiledFile(url);
    return matches(file) ? { format: 'commonjs', source: instrumentForRequire(file, extras[file]), shortCircuit: true } : result;
  }
  if (result.format !== 'module') return result;
  const file = fileURLToPath(url);
  if (!matches(file)) return result;
  const original = readFileSync(file, 'utf8');
  const out = instrumentSource(original, file, fileKey(file), extras[file]);
  return { format: 'module', source: out.code, shortCircuit: true };
}

/**
 * The file a compiled CommonJS module comes from. tsx imports a .ts file of a CommonJS package
 * from an ES module under a URL of its own, the file's path with a query inside it
 * (`…/parse.ts%3Ftsx-…?tsx-…`).
 */
function compiledFile(url: string): string {
  const file = fileURLToPath(url.replace(/[?#].*$/, ''));
  const query = file.indexOf('?');
  return query >= 0 && !existsSync(file) ? file.slice(0, query) : file;
}
