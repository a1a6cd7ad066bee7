// Module hooks that instrument ES modules for coverage; runs on Node's hooks thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fileMatcher } from '../instrument/match.js';
import { instrumentForCoverage } from './transform.js';

export interface CoverageHookData {
  globs: string[];
  baseDir: string;
}

let matches: (file: string) => boolean = () => false;

export async function initialize(data: CoverageHookData): Promise<void> {
  matches = fileMatcher(data.globs, data.baseDir);
}

type LoadResult = { format?: string | null; source?: string | ArrayBuffer | Uint8Array; shortCircuit?: boolean };
type NextLoad = (url: string, context: { format?: string | null }) => Promise<LoadResult>;

export async function load(url: string, context: { format?: string | null }, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (!url.startsWith('file:')) return result;
  // CommonJS that a loader compiled for import (tsx: .cts, or .ts in a CommonJS package) runs
  // from this source, which no require hook sees: it is instrumented here.
  if (result.format === 'commonjs' && result.source != null) {
    const file = compiledFile(url);
    return matches(file) ? { format: 'commonjs', source: instrumentForCoverage(file, true), shortCircuit: true } : result;
  }
  if (result.format !== 'module') return result;
  const file = fileURLToPath(url);
  if (!matches(file)) return result;
  return { format: 'module', source: instrumentForCoverage(file, false), shortCircuit: true };
}

/** tsx imports a CommonJS .ts file under a URL of its own, the path with a query inside it. */
function compiledFile(url: string): string {
  const file = fileURLToPath(url.replace(/[?#].*$/, ''));
  const query = file.indexOf('?');
  return query >= 0 && !existsSync(file) ? file.slice(0, query) : file;
}
