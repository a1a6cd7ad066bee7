import test from 'ava';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'src');

/**
 * The folders of src/, top to bottom (docs/architecture.md says what each holds). A folder may
 * import its own files and the folders of the layers below it, never one above it nor a sibling
 * in its own layer: data flows one way, from the commands down to the shared core.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['cli'], // commands: parse flags, call the library, print
  ['fleet'], // campaigns as jobs on a queue, started by `wedge fleet`
  ['pipeline'], // the stages as library functions, and their order (`run`)
  ['export'], // perf tests, the gate, the dataset: from reports and corpora
  ['coverage'], // the corpus replayed under istanbul
  ['report'], // report.json, report.html, terminal status
  ['constraints'], // constraint synthesis: profiles with searches and measurements
  ['llm'], // model providers for synthesis
  ['measure'], // isolated re-measurement: timing, minimizing, growth
  ['fuzz'], // the search: engine, mutators, corpus, workers
  ['runtime'], // booting and running an instrumented target in a thread or process
  ['instrument'], // the Babel plugin, module hooks and probe registry
  ['constraint-lang'], // the constraint expression language: anchors, checks, meters
  ['target'], // defineTarget, loading and checking target files
  ['core', 'types'], // options, stats, paths, writes; declarations of untyped packages
];

/**
 * Imports the layer rule refuses that are known and owned elsewhere, each with what fixes it;
 * listed by file and imported module so that a new one still fails.
 */
const KNOWN_UPWARD: Record<string, string> = {};

/** Files over the size limit, known and being split by their owners. */
const MAX_LINES = 300;
const KNOWN_LONG = new Set<string>();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(m|c)?[jt]s$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports of a file, static and dynamic, with their line numbers. */
function relativeImports(file: string): { spec: string; line: number }[] {
  const out: { spec: string; line: number }[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.\.?\/[^'"]+)['"]/g)) out.push({ spec: m[1]!, line: i + 1 });
  });
  return out;
}

/** The folder under `root` a path is in ('' for a file at the top, such as index.ts). */
function folderOf(root: string, p: string): string {
  const rel = path.relative(root, p);
  return rel.includes(path.sep) ? rel.split(path.sep)[0]! : '';
}

function layerOf(folder: string): number {
  return LAYERS.findIndex((l) => l.includes(folder));
}

/** Imports under `root` that go up or sideways, as "file:line imports spec: why"; the known ones apart. */
function upwardImports(root: string): { offending: string[]; known: Set<string> } {
  const offending: string[] = [];
  const known = new Set<string>();
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    if (from === '') continue; // index.ts: the package's entry, above everything
    const rel = path.relative(root, file);
    for (const { spec, line } of relativeImports(file)) {
      const target = path.resolve(path.dirname(file), spec);
      const to = folderOf(root, target);
      if (to === from) continue;
      if (to === '') {
        offending.push(`${rel}:${line} imports the package entry ${spec}`);
        continue;
      }
      if (layerOf(to) > layerOf(from)) continue;
      const key = `${rel} -> ${path.relative(root, target)}`;
      if (key in KNOWN_UPWARD) {
        known.add(key);
        continue;
      }
      offending.push(`${rel}:${line} imports ${spec}: ${from}/ may not import ${to}/ (${layerOf(to) === layerOf(from) ? 'a folder of the same layer' : 'a layer above'})`);
    }
  }
  return { offending, known };
}

test('every folder of src/ has its place in the layer order', (t) => {
  const folders = readdirSync(src).filter((n) => statSync(path.join(src, n)).isDirectory());
  t.deepEqual(folders.filter((f) => layerOf(f) < 0), [], 'add a new folder to LAYERS in test/architecture.test.ts (and to docs/architecture.md)');
});

test('no folder imports a folder above it or beside it (cli → pipeline → stages → runtime → core)', (t) => {
  const { offending, known } = upwardImports(src);
  t.deepEqual(offending, []);
  t.deepEqual(Object.keys(KNOWN_UPWARD).filter((k) => !known.has(k)), [], 'a known exception that no longer occurs: remove it from KNOWN_UPWARD');
});

test(`no file in src/ is over ${MAX_LINES} lines`, (t) => {
  const long = sourceFiles(src)
    .map((f) => ({ file: path.relative(src, f), lines: readFileSync(f, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').length }))
    .filter((f) => f.lines > MAX_LINES);
  t.deepEqual(long.filter((f) => !KNOWN_LONG.has(f.file)).map((f) => `src/${f.file}: ${f.lines} lines`), []);
  t.deepEqual([...KNOWN_LONG].filter((k) => !long.some((f) => f.file === k)), [], 'a known long file is now short enough: remove it from KNOWN_LONG');
});

test('the layer check reports an upward import by file and line, and passes a downward one', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-layers-'));
  for (const d of ['fuzz', 'pipeline', 'core']) mkdirSync(path.join(root, d));
  writeFileSync(path.join(root, 'pipeline', 'run.ts'), "import { a } from '../fuzz/a.js';\nexport const run = a;\n");
  writeFileSync(path.join(root, 'fuzz', 'a.ts'), "import { x } from '../core/x.js';\n\nimport { run } from '../pipeline/run.js';\nexport const a = x;\n");
  writeFileSync(path.join(root, 'core', 'x.ts'), 'export const x = 1;\n');
  t.deepEqual(upwardImports(root).offending, ['fuzz/a.ts:3 imports ../pipeline/run.js: fuzz/ may not import pipeline/ (a layer above)']);
});
