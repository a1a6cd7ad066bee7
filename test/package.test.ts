// Wedge as users get it: packed once, installed from the tarball beside fast-check into a fresh
// CommonJS project and a fresh ES module project, and run there by its bin, with no loader of the
// project's own. Each project has targets of every file kind (.ts .mts .cts .js .mjs .cjs) over
// code under test in the other module system as well as its own.
import test, { type ExecutionContext } from 'ava';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The size budget, and the work of the slowest input the code below allows (see WORK). */
const N = 12;
/**
 * Seeds are drawn at the size budget, and every array of length N does the same work: the call
 * (1), N outer passes and the outer exit (N + 1), N(N−1)/2 inner passes, N inner exits, and one
 * arm of the `if` per inner pass (N(N−1)/2): N² + N + 2.
 */
const WORK = N * N + N + 2;
/** The function, in the file as written: line 4 is the inner loop, line 5 its test. */
const BODY = `  let c = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      if (a[i] > a[j]) c++;
    }
  }
  return c;`;

type System = 'commonjs' | 'module';
type Ext = 'ts' | 'mts' | 'cts' | 'js' | 'mjs' | 'cjs';

/** Whether a file of this kind is CommonJS in a package of this type. */
const isCommonJs = (ext: Ext, type: System) => ext === 'cjs' || ext === 'cts' || ((ext === 'js' || ext === 'ts') && type === 'commonjs');

/** Code under test, `pairs-<ext>.<ext>`, written as a user of that kind writes it. */
function codeFile(ext: Ext, type: System): string {
  const typed = ext.endsWith('ts');
  // TypeScript is written with import/export in either system; tsx compiles a CommonJS one.
  if (isCommonJs(ext, type) && !typed) return `function pairs(a) {\n${BODY}\n}\nmodule.exports = { pairs };\n`;
  return `export function pairs(a${typed ? ': number[]' : ''})${typed ? ': number' : ''} {\n${BODY}\n}\n`;
}

function targetFile(id: string, ext: Ext, code: Ext, type: System): string {
  const typed = ext.endsWith('ts');
  const spec = [
    `  id: '${id}',`,
    `  fn: (a${typed ? ': number[]' : ''}) => pairs(a),`,
    `  input: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: ${N} }),`,
    '  size: (a) => a.length,',
    `  maxSize: ${N},`,
    `  instrument: ['../src/pairs-${code}.${code}'],`,
  ];
  if (isCommonJs(ext, type) && !typed) {
    return [
      "const fc = require('fast-check');",
      "const { defineTarget } = require('wedge');",
      `const { pairs } = require('../src/pairs-${code}.${code}');`,
      '',
      'module.exports = defineTarget({',
      ...spec,
      '});',
      '',
    ].join('\n');
  }
  return [
    "import fc from 'fast-check';",
    "import { defineTarget } from 'wedge';",
    `import { pairs } from '../src/pairs-${code}.${code}';`,
    '',
    'export default defineTarget({',
    ...spec,
    '});',
    '',
  ].join('\n');
}

/**
 * Target kind → kind of the code it calls. Between them: every target kind, every code kind, and
 * each system calling into the other (a CommonJS .ts target and .mts code, an ES module importing
 * CommonJS TypeScript, which tsx compiles for import()).
 */
const PAIRS: Record<System, [Ext, Ext][]> = {
  commonjs: [['ts', 'ts'], ['mts', 'ts'], ['cts', 'mts'], ['js', 'mjs'], ['mjs', 'cts'], ['cjs', 'cjs'], ['ts', 'js']],
  module: [['ts', 'cjs'], ['mts', 'mts'], ['cts', 'ts'], ['js', 'cts'], ['mjs', 'mjs'], ['cjs', 'js'], ['ts', 'mts']],
};

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The environment of a user's shell: no NODE_OPTIONS (this repository's tests resolve `wedge` to
 * its sources through one) and none of the npm variables of a surrounding `npm test`.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const [k, v] of Object.entries(process.env)) if (k !== 'NODE_OPTIONS' && !/^npm_(package|lifecycle|config_local_prefix)/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  return env;
}

/** At most two commands at once: each fuzz run is a CLI process plus a worker thread. */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function run(cwd: string, command: string, args: string[], timeoutMs = 180_000): Promise<Ran> {
  return slot(
    () =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        execFile(command, args, { cwd, timeout: timeoutMs, env: userEnv(), maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') return reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
          resolve({ code: error ? (error.code as number) : 0, stdout, stderr, ms: Date.now() - started });
        });
      }),
  );
}

interface Packed {
  tarball: string;
  files: string[];
}

let packed: Promise<Packed> | undefined;
const temporary: string[] = [];
test.after.always(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** `npm pack` once for the whole file; it builds dist/ first (prepare). */
function pack(): Promise<Packed> {
  packed ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wedge-pack-'));
    temporary.push(dir);
    const r = await run(repo, 'npm', ['pack', '--json', '--pack-destination', dir]);
    if (r.code !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
    const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
    return { tarball: path.join(dir, info!.filename), files: info!.files.map((f) => f.path) };
  })();
  return packed;
}

/** A fresh project of the given type with Wedge (from the tarball) and fast-check installed. */
async function project(t: ExecutionContext, type: System): Promise<string> {
  const { tarball } = await pack();
  const dir = mkdtempSync(path.join(tmpdir(), `wedge-${type}-`));
  temporary.push(dir);
  // As `npm init -y` writes it now (an explicit "type" either way).
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `wedge-${type}-project`, version: '1.0.0', private: true, type }, null, 2) + '\n');
  const r = await run(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'fast-check@4']);
  t.is(r.code, 0, `npm install: ${r.stderr}`);
  t.log(`${type}: npm install ${(r.ms / 1000).toFixed(1)} s`);
  mkdirSync(path.join(dir, 'src'));
  mkdirSync(path.join(dir, 'targets'));
  for (const [ext, code] of PAIRS[type]) {
    writeFileSync(path.join(dir, 'src', `pairs-${code}.${code}`), codeFile(code, type));
    writeFileSync(path.join(dir, 'targets', `${ext}-${code}.target.${ext}`), targetFile(`${ext}-${code}`, ext, code, type));
  }
  return dir;
}

const wedge = (cwd: string, ...args: string[]) => run(cwd, 'npx', ['--no-install', 'wedge', ...args]);

interface FuzzJson {
  probes: number;
  errors: number;
  best?: { work: number };
}

interface ExecJson {
  work: number;
  hotLines: { file: string; line: number; hits: number }[];
}

/**
 * Every target of a project fuzzed, from the CLI and its worker thread; one kept corpus turned
 * into a node:test suite that runs through the measurement process; one input run by `exec`,
 * whose hottest line must be the file's own (not a line of tsx's compiled output).
 */
async function checkProject(t: ExecutionContext, type: System, suiteTarget: string, execTarget: string): Promise<void> {
  t.timeout(600_000);
  const started = Date.now();
  const dir = await project(t, type);
  const fuzzed = await Promise.all(
    PAIRS[type].map(async ([ext, code]) => {
      const id = `${ext}-${code}`;
      const corpus = id === suiteTarget ? ['--seed', '1'] : ['--no-corpus'];
      return { id, r: await wedge(dir, 'fuzz', id, '--execs', '300', '--workers', '1', '--json', ...corpus) };
    }),
  );
  const probes = new Set<number>();
  for (const { id, r } of fuzzed) {
    t.is(r.code, 0, `${type} ${id}: ${r.stderr}`);
    if (r.code !== 0) continue;
    const s = JSON.parse(r.stdout) as FuzzJson;
    t.true(s.probes > 0, `${type} ${id}: ${s.probes} probes`);
    t.is(s.errors, 0, `${type} ${id}: errors`);
    // Exactly the function's work: a compiler's helpers (tsx's export getters) would add to it.
    t.is(s.best?.work, WORK, `${type} ${id}: best work`);
    probes.add(s.probes);
  }
  t.is(probes.size, 1, `${type}: the same function has the same probes in every kind of file (${[...probes].join(', ')})`);
  t.log(`${type}: ${fuzzed.length} fuzz runs, ${fuzzed.map(({ id, r }) => `${id} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}`);

  // Ascending: the `if` never holds, so the inner loop's line is the hottest by far.
  writeFileSync(path.join(dir, 'input.json'), JSON.stringify([...Array(N).keys()]));
  const exec = await wedge(dir, 'exec', execTarget, '--input', 'input.json', '--repeats', '1', '--json');
  t.is(exec.code, 0, `${type} exec ${execTarget}: ${exec.stderr}`);
  if (exec.code === 0) {
    const x = JSON.parse(exec.stdout) as ExecJson;
    t.is(x.work, WORK);
    const hottest = x.hotLines.reduce((a, b) => (b.hits > a.hits ? b : a));
    t.regex(hottest.file, /^src\/pairs-/);
    t.is(hottest.line, 4, `${type} exec ${execTarget}: the inner loop, on its line in the file as written`);
  }

  const exported = await wedge(dir, 'export', 'tests', suiteTarget, '--framework', 'node', '--top', '1');
  t.is(exported.code, 0, `${type} export tests: ${exported.stderr}`);
  const typed = /^(ts|mts|cts)-/.test(suiteTarget);
  const suite = path.join('test', 'perf', `${suiteTarget}.perf.test.${typed ? 'ts' : 'mjs'}`);
  const header = readFileSync(path.join(dir, suite), 'utf8');
  const runner = typed ? ['--import', 'tsx', '--test'] : ['--test'];
  t.true(header.toLowerCase().includes(`run it with node ${runner.join(' ')}.`), `${type}: the suite's header says how to run it:\n${header.slice(0, 1200)}`);
  const ran = await run(dir, process.execPath, [...runner, suite]);
  t.is(ran.code, 0, `${type}: node ${runner.join(' ')} ${suite}:\n${ran.stdout}\n${ran.stderr}`);
  t.log(`${type}: exec ${(exec.ms / 1000).toFixed(1)} s, export ${(exported.ms / 1000).toFixed(1)} s, suite ${(ran.ms / 1000).toFixed(1)} s; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
}

test('the packed tarball holds what a user needs: dist, bin, README, LICENSE, package.json', async (t) => {
  t.timeout(300_000);
  const { files } = await pack();
  const top = [...new Set(files.map((f) => f.split('/')[0]))].sort();
  t.deepEqual(top, ['LICENSE', 'README.md', 'bin', 'dist', 'package.json']);
  for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/fuzz/worker-entry.mjs', 'dist/measure/child-entry.mjs', 'dist/instrument/esm-hooks.js', 'dist/target/loaders.mjs']) {
    t.true(files.includes(f), `${f} is packed`);
  }
  t.false(files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), 'no TypeScript source');
  const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string>; dependencies?: Record<string, string> };
  t.truthy(pkg.peerDependencies?.['fast-check'], 'fast-check is a peer dependency: the user\'s one copy');
  t.falsy(pkg.dependencies?.['fast-check']);
});

test('a CommonJS project ("type": "commonjs"): targets of every kind load, are instrumented and find the slowest input', async (t) => {
  await checkProject(t, 'commonjs', 'js-mjs', 'ts-ts');
});

test('an ES module project ("type": "module"): targets of every kind load, are instrumented and find the slowest input', async (t) => {
  await checkProject(t, 'module', 'ts-mts', 'js-cts');
});

/** A user's own function, quadratic in the number of `;`-separated parts (each key looked up by scanning the keys so far). */
const PARSE = `export function parse(s: string): Record<string, string> {
  const keys: string[] = [];
  const out: Record<string, string> = {};
  for (const part of s.split(';')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part.trim() : part.slice(0, eq).trim();
    let seen = false;
    for (const k of keys) if (k === key) seen = true;
    if (!seen) keys.push(key);
    out[key] = eq < 0 ? '' : part.slice(eq + 1);
  }
  return out;
}
`;

interface RunReport {
  target: string;
  verified?: { findings: { slowdown: { ratio: number }; size: number }[]; baselines: unknown[] };
}

/**
 * The README's first steps, as a newcomer takes them: `wedge init` on a function of the project,
 * then `wedge run` with the printed command, to a verified report. Wall time is logged, not
 * asserted; what is asserted is the plan the run announces: its phases share --time.
 */
async function initAndRun(t: ExecutionContext, type: System): Promise<void> {
  t.timeout(600_000);
  const dir = await project(t, type);
  writeFileSync(path.join(dir, 'src', 'parse.ts'), PARSE);
  const init = await wedge(dir, 'init', 'src/parse.ts', 'parse');
  t.is(init.code, 0, `${type} init: ${init.stderr}`);
  t.regex(init.stdout, /wrote targets\/parse\.target\.ts/);
  t.regex(init.stdout, /next: npx wedge run parse --time 30s/, 'init prints the next command');
  // A generous limit: the machine may be busy, and what is checked is the plan, not the clock.
  const ran = await run(dir, 'npx', ['--no-install', 'wedge', 'run', 'parse', '--time', '30s'], 900_000);
  t.log(`${type}: wedge run parse --time 30s took ${(ran.ms / 1000).toFixed(1)} s of wall time`);
  t.is(ran.code, 0, `${type} run: ${ran.stderr}`);
  if (ran.code !== 0) return;
  // The plan comes first, and its parts add up to --time.
  const plan = /plan: about 30(?:\.0)?s in all: .*the search until about ([\d.]+)s, then verification ([\d.]+)s/.exec(ran.stderr);
  t.truthy(plan, `the run announces its plan:\n${ran.stderr.slice(0, 2000)}`);
  if (plan) t.is(Number(plan[1]) + Number(plan[2]), 30);
  t.regex(ran.stderr, /constraints\/parse\.json is missing or stale: synthesizing constraints first/, 'synthesis is announced');
  const search = /search: ([\d.]+)s once the workers have loaded the target/.exec(ran.stderr);
  t.truthy(search, 'the search announces its time');
  if (search && plan) t.true(Number(search[1]) <= Number(plan[1]), `the search (${search[1]} s) ends within the plan (${plan[1]} s)`);
  t.regex(ran.stdout, /^parse: \d+ findings? re-measured in a fresh process/m);
  t.regex(ran.stdout, /#1 slowdown [\d.,]+×/);
  t.regex(ran.stdout, /\ntime: constraints [\dm.]+s, search [\dm.]+s, verification [^\n]*; total [^\n]*\(planned: 30(?:\.0)?s\)/);
  const html = /^report: (reports\/parse\/[^\n]+\/report\.html)$/m.exec(ran.stdout)?.[1];
  t.truthy(html, `the report's path is printed:\n${ran.stdout}`);
  if (!html) return;
  t.true(readFileSync(path.join(dir, html), 'utf8').includes('<html'), 'report.html is written');
  const report = JSON.parse(readFileSync(path.join(dir, path.dirname(html), 'report.json'), 'utf8')) as RunReport;
  t.is(report.target, 'parse');
  t.true((report.verified?.findings.length ?? 0) > 0, 'report.json holds verified findings');
  // Many parts with one key each: the key scan makes the finding slower than a random string.
  t.true(report.verified!.findings[0]!.slowdown.ratio > 1, `slowdown ${report.verified!.findings[0]!.slowdown.ratio}`);
}

test('a CommonJS project: wedge init on a function of its own, then wedge run --time 30s, gives a verified report', async (t) => {
  await initAndRun(t, 'commonjs');
});

test('an ES module project: wedge init on a function of its own, then wedge run --time 30s, gives a verified report', async (t) => {
  await initAndRun(t, 'module');
});
