import test from 'ava';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureProject, removeProject, repo, wedge } from './helpers/fixture-project.js';
import { renderTarget } from '../src/target/init/render.js';
import { exportedFunctions, readSignature } from '../src/target/init/signature.js';

const fixtures = path.join(repo, 'test/fixtures/init');

// One user project for the whole file: the typed module under src/, an untyped CommonJS module
// under lib/ (its own package.json says so, as in a mixed project).
const project = fixtureProject('init');
mkdirSync(path.join(project, 'src'));
for (const f of ['signatures.ts', 'elsewhere.ts']) copyFileSync(path.join(fixtures, f), path.join(project, 'src', f));
mkdirSync(path.join(project, 'lib'));
copyFileSync(path.join(fixtures, 'untyped.js'), path.join(project, 'lib/untyped.js'));
writeFileSync(path.join(project, 'lib/package.json'), '{ "type": "commonjs" }\n');
test.after.always(() => removeProject(project));

const read = (id: string) => readFileSync(path.join(project, 'targets', `${id}.target.ts`), 'utf8');

/** Each signature, the arguments of `wedge init` and what the file must contain. */
const cases: { id: string; args: string[]; expect: (string | RegExp)[] }[] = [
  {
    id: 'count-vowels',
    args: ['src/signatures.ts', 'countVowels'],
    expect: ["import { countVowels } from '../src/signatures.ts';", 'fn: (s) => countVowels(s)', 'input: fc.string({ maxLength: 1000 })', 'size: (s) => s.length', 'maxSize: 1000', "instrument: ['../src/signatures.ts']"],
  },
  {
    id: 'sum',
    args: ['src/signatures.ts', 'sum'],
    expect: ['fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 100 })', 'size: (xs) => xs.length', 'maxSize: 100'],
  },
  {
    id: 'point-distance',
    args: ['src/signatures.ts', 'pointDistance'],
    expect: ['input: fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }))', 'size: (p) => JSON.stringify(p).length'],
  },
  {
    id: 'search',
    args: ['src/signatures.ts', 'search'],
    expect: [
      "fc.record({ text: fc.string({ maxLength: 1000 }), mode: fc.constantFrom('exact', 'prefix'), limit: fc.integer({ min: -1000, max: 1000 }) }, { requiredKeys: ['text', 'mode'] })",
      'size: (q) => q.text.length',
    ],
  },
  {
    id: 'index-of-all',
    args: ['src/signatures.ts', 'indexOfAll'],
    expect: [
      'fn: ([haystack, needle]) => indexOfAll(haystack, needle)',
      'input: fc.tuple(fc.string({ maxLength: 500 }), fc.string({ maxLength: 500 }))',
      'size: ([haystack, needle]) => haystack.length + needle.length',
      'maxSize: 1000',
    ],
  },
  {
    id: 'configure',
    args: ['src/signatures.ts', 'configure'],
    expect: ['// TODO: could not derive Options for opts; adjust', /input: fc\.string\(\{ maxLength: 16 \}\) \/\* TODO: Options \*\//],
  },
  {
    // The default export: two parameters, an array of an interface built on a type alias and Array<T>, a mixed literal union.
    id: 'signatures',
    args: ['src/signatures.ts', '--max-size', '40'],
    expect: [
      "import countTags from '../src/signatures.ts';",
      'fn: ([entries, extra]) => countTags(entries, extra)',
      "fc.array(fc.record({ key: fc.string({ maxLength: 16 }), tags: fc.array(fc.string({ maxLength: 16 }), { maxLength: 16 }), on: fc.boolean() }), { maxLength: 40 })",
      "fc.constantFrom('x', 'y', 1, null)",
      'size: ([entries]) => entries.length',
      'maxSize: 40',
    ],
  },
  {
    id: 'flip',
    args: ['lib/untyped.js', 'reverse', '--id', 'flip'],
    expect: ["import { reverse } from '../lib/untyped.js';", 'untyped.js has no type annotations: each parameter is a string; adjust', 'input: fc.string({ maxLength: 1000 })'],
  },
];

test.serial('init writes a target per signature, with the arbitraries its types call for', async (t) => {
  const ran = await Promise.all(cases.map((c) => wedge(project, 'init', ...c.args)));
  for (const [i, c] of cases.entries()) {
    const r = ran[i]!;
    t.is(r.code, 0, `${c.id}: ${r.stderr}`);
    t.true(r.stdout.includes(`wrote ${path.join('targets', `${c.id}.target.ts`)}`), r.stdout);
    t.true(r.stdout.includes(`npx wedge run ${c.id}`), r.stdout);
    const source = read(c.id);
    t.true(source.includes("import { defineTarget } from 'wedge';"), c.id);
    t.true(source.includes("import fc from 'fast-check';"), c.id);
    for (const e of c.expect) {
      if (typeof e === 'string') t.true(source.includes(e), `${c.id}: expected ${e} in\n${source}`);
      else t.regex(source, e, c.id);
    }
  }
  const todo = await wedge(project, 'init', 'src/signatures.ts', 'configure', '--id', 'configure-2');
  t.regex(todo.stdout, /1 type to adjust[\s\S]*could not derive Options/);
});

test.serial('init refuses to overwrite a target unless --force, and names unknown exports', async (t) => {
  const before = read('sum');
  const again = await wedge(project, 'init', 'src/signatures.ts', 'sum', '--max-size', '7');
  t.is(again.code, 1);
  t.regex(again.stderr, /targets\/sum\.target\.ts exists: pass --force/);
  t.is(read('sum'), before);
  const forced = await wedge(project, 'init', 'src/signatures.ts', 'sum', '--max-size', '7', '--force');
  t.is(forced.code, 0, forced.stderr);
  t.true(read('sum').includes('maxSize: 7'));
  const missing = await wedge(project, 'init', 'src/signatures.ts', 'nope');
  t.is(missing.code, 1);
  t.regex(missing.stderr, /no exported function "nope" \(exported functions: .*countVowels/);
  const several = await wedge(project, 'init', 'src/elsewhere.ts');
  t.is(several.code, 1);
  t.regex(several.stderr, /found no exported function/);
});

test.serial('every generated target loads with Wedge\'s loader and fuzzes', async (t) => {
  const runs = await Promise.all(cases.map((c) => wedge(project, 'fuzz', `targets/${c.id}.target.ts`, '--execs', '200', '--workers', '1', '--json', '--no-corpus')));
  runs.forEach((r, i) => {
    const id = cases[i]!.id;
    t.is(r.code, 0, `${id}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { target: string; execs: number; rejected: number; errors: number };
    t.is(out.target, id);
    t.is(out.execs, 200, id);
    t.is(out.errors, 0, id);
  });
});

test('the exported function is found in each way a module exports it', (t) => {
  const names = (source: string, file = 'm.ts') => [...exportedFunctions(source, file).fns.keys()].sort();
  t.deepEqual(names('export function a(s: string) {}\nexport const b = (n: number) => n;\nfunction c() {}\nexport { c as d };'), ['a', 'b', 'd']);
  t.deepEqual(names('export default (s: string) => s.length;'), ['default']);
  t.deepEqual(names('function f(s) {}\nmodule.exports = f;', 'm.js'), ['default']);
  t.deepEqual(names('module.exports = function (s) {};', 'm.cjs'), ['default']);
  t.deepEqual(names('exports.f = (s) => s;\nmodule.exports.g = function (x) {};', 'm.js'), ['f', 'g']);
  t.deepEqual(names('function f(s) {}\nmodule.exports = { f, h(x) { return x; } };', 'm.js'), ['f', 'h']);
  t.is(readSignature('export function f(...xs: number[]) {}', 'm.ts').params[0]!.rest, true);
});

test('types it cannot see become marked strings, never an error', (t) => {
  const sig = readSignature('type Tree = { kids: Tree[] };\nexport function f<T>(a: Tree, b: T, c: Map<string, T>, d: () => void) {}', 'm.ts');
  const { source, todos } = renderTarget(sig, { id: 'f', modulePath: '/p/src/m.ts', targetsDir: '/p/targets' });
  t.is(todos.length, 4);
  t.regex(source, /TODO: could not derive Tree \(a recursive type\)/);
  t.regex(source, /TODO: could not derive T for b; adjust/);
  t.regex(source, /fc\.string\(\{ maxLength: 16 \}\) \/\* TODO: \(\) => void \*\//);
  t.regex(source, /instrument: \['\.\.\/src\/m\.ts'\]/);
});
