// Module hooks for ES modules; runs on Node's hooks thread, so it keeps no state but the matcher,
// the extra probes and the port it was given at registration.
import { readFileSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { fileMatcher, fileKey } from './match.js';
import { instrumentSource } from './transform.js';
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
  if (!url.startsWith('file:') || result.format !== 'module') return result; // CommonJS goes through the require hook
  const file = fileURLToPath(url);
  if (!matches(file)) return result;
  const original = readFileSync(file, 'utf8');
  const out = instrumentSource(original, file, fileKey(file), extras[file]);
  return { format: 'module', source: out.code, shortCircuit: true };
}
