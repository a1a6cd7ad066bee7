// The files of a package that loading it and making its call actually load, found by running
// it in a child process: CommonJS through require.cache, ES modules through a load hook, and
// sources a package reads itself to evaluate (uglify-js 2 concatenates lib/*.js into a Function)
// through fs.readFileSync.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RealworldTarget } from './config.js';

const MARK = '@@wedge-bench-loaded@@';

// Runs inside the hooks thread: reports every URL it loads to the main thread.
const HOOK = `let port; export function initialize(d) { port = d.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;

function childScript(t: RealworldTarget): string {
  const alias = JSON.stringify(t.install_alias);
  return `import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on('message', (u) => urls.push(u));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}), { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
const write = process.stdout.write.bind(process.stdout);
for (const k of ['log', 'warn', 'error', 'info', 'debug', 'trace']) console[k] = () => {};
const require = createRequire(import.meta.url);
const fs = require('node:fs');
const read = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = function (p, ...rest) {
  if (typeof p === 'string') read.push(p);
  return readFileSync.call(this, p, ...rest);
};
const mod = ${t.esm ? `await import(${alias})` : `require(${alias})`};
const fn = new Function('mod', 'input', ${JSON.stringify(`"use strict"; return (${t.call});`)});
for (const input of ['', 'a', 'x y', '<a href="b">c</a>; q=0.5, (1) {2} &amp; 3.5e7 rgb(1,2,3)']) {
  try { await fn(mod, input); } catch {}
}
await new Promise((r) => setTimeout(r, 200));
fs.readFileSync = readFileSync;
write(${JSON.stringify(MARK)} + JSON.stringify({ urls, cjs: [...Object.keys(require.cache), ...read] }) + '\\n');
`;
}

const isSource = (f: string) => /\.(c|m)?js$/.test(f);

/** Loaded .js/.cjs/.mjs files under node_modules/<alias>/; every source file outside test folders when none is seen. */
export function loadedFiles(cache: string, t: RealworldTarget): { files: string[]; how: 'loaded' | 'all-files' } {
  const pkgDir = path.join(cache, 'node_modules', t.install_alias) + path.sep;
  const script = path.join(cache, `.wedge-bench-loaded-${process.pid}.mjs`);
  writeFileSync(script, childScript(t));
  let files: string[] = [];
  try {
    const r = spawnSync(process.execPath, [script], { cwd: cache, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 });
    const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith(MARK));
    if (line) {
      const seen = JSON.parse(line.slice(MARK.length)) as { urls: string[]; cjs: string[] };
      const fromUrls = seen.urls.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u.replace(/[?#].*$/, '')));
      files = [...new Set([...fromUrls, ...seen.cjs.map((f) => path.resolve(cache, f))])].filter((f) => f.startsWith(pkgDir) && isSource(f)).sort();
    }
  } finally {
    rmSync(script, { force: true });
  }
  if (files.length > 0) return { files, how: 'loaded' };
  return { files: allSourceFiles(pkgDir), how: 'all-files' };
}

function allSourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!/^(tests?|__tests__|spec|node_modules)$/.test(e.name)) out.push(...allSourceFiles(p));
    } else if (isSource(e.name)) out.push(p);
  }
  return out.sort();
}
