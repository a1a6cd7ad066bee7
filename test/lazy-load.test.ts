// Code a target loads late (required inside fn), from .cjs files, or as an ES module package
// through require(): instrumented all the same, and globs that miss are told what was loaded.
import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureProject, removeProject, repo, wedge } from './helpers/fixture-project.js';

const fixture = (name: string) => path.join(repo, 'test/fixtures', `${name}.target.ts`);

test('a module required lazily inside fn is instrumented: the check waits for the first executions', async (t) => {
  const cwd = fixtureProject('lazy');
  try {
    const r = await wedge(cwd, 'fuzz', fixture('lazy'), '--json', '--workers', '1', '--execs', '300', '--no-corpus');
    t.is(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { probes: number; covered: number };
    t.true(s.probes > 0, `${s.probes} probes`);
    t.true(s.covered > 0, `${s.covered} covered`);
    writeFileSync(path.join(cwd, 'input.json'), JSON.stringify('banana'));
    const e = await wedge(cwd, 'exec', fixture('lazy'), '--input', 'input.json', '--repeats', '2', '--json');
    t.is(e.code, 0, e.stderr);
    const x = JSON.parse(e.stdout) as { work: number; hotLines: { file: string }[] };
    t.true(x.work > 0);
    t.true(x.hotLines.some((h) => h.file.endsWith('lazy-dep.cjs')));
  } finally {
    removeProject(cwd);
  }
});

test('globs that match no loaded file: the error lists the files loaded where the globs point', async (t) => {
  const cwd = fixtureProject('unmatched');
  try {
    const r = await wedge(cwd, 'fuzz', fixture('unmatched'), '--workers', '1', '--execs', '200', '--no-corpus');
    t.is(r.code, 1);
    t.regex(r.stderr, /field "instrument" matched no loaded source file \(globs: \.\/cjs-only\/\*\*\/\*\.js/);
    t.regex(r.stderr, /files loaded from cjs-only[^\n]*:\n\s+cjs-only\/index\.cjs/);
  } finally {
    removeProject(cwd);
  }
});

/** A project whose ES module package (`"type": "module"`) is loaded with require() inside fn. */
function esmProject(): string {
  const cwd = fixtureProject('esm-require');
  const pkg = path.join(cwd, 'node_modules/esm-dep');
  mkdirSync(pkg);
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'esm-dep', type: 'module', main: 'index.js' }));
  writeFileSync(path.join(pkg, 'index.js'), "export { countDigits } from './work.js';\n");
  writeFileSync(path.join(pkg, 'work.js'), 'export function countDigits(s) {\n  let n = 0;\n  for (const c of s) if (c >= "0" && c <= "9") n++;\n  return n;\n}\n');
  mkdirSync(path.join(cwd, 'targets/rel'));
  writeFileSync(path.join(cwd, 'targets/rel/entry.mjs'), "import { inner } from './inner.mjs';\nexport function countDigits(s) {\n  return s ? inner(s) : 0;\n}\n");
  writeFileSync(path.join(cwd, 'targets/rel/inner.mjs'), 'export function inner(s) {\n  return s.length > 3 ? 1 : 0;\n}\n');
  const target = (id: string, spec: string, glob: string) => `import fc from 'fast-check';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export default {
  id: '${id}',
  fn: (s: string) => (require('${spec}') as { countDigits: (s: string) => number }).countDigits(s),
  input: fc.string({ maxLength: 16 }),
  size: (s: string) => s.length,
  maxSize: 16,
  instrument: ['${glob}'],
};
`;
  writeFileSync(path.join(cwd, 'targets/esm-dep.target.ts'), target('esm-dep', 'esm-dep', '../node_modules/esm-dep/**/*.js'));
  writeFileSync(path.join(cwd, 'targets/esm-rel.target.ts'), target('esm-rel', './rel/entry.mjs', './rel/*.mjs'));
  writeFileSync(path.join(cwd, 'input.json'), JSON.stringify('a1b2c3'));
  return cwd;
}

// A generous exec timeout: what is checked is the instrumentation, and a busy machine can make
// the first run of freshly compiled modules slow.
test('an ES module package loaded with require() is instrumented, the files it imports included', async (t) => {
  const cwd = esmProject();
  try {
    const r = await wedge(cwd, 'exec', 'targets/esm-dep.target.ts', '--input', 'input.json', '--repeats', '2', '--json', '--exec-timeout', '60s');
    t.is(r.code, 0, r.stderr);
    const x = JSON.parse(r.stdout) as { work: number; hotLines: { file: string }[] };
    t.true(x.work > 0);
    t.true(x.hotLines.some((h) => h.file.endsWith('esm-dep/work.js')), JSON.stringify(x.hotLines));
  } finally {
    removeProject(cwd);
  }
});

test('an ES module file loaded with require() is instrumented with the files it imports, on its own source lines', async (t) => {
  const cwd = esmProject();
  try {
    const r = await wedge(cwd, 'exec', 'targets/esm-rel.target.ts', '--input', 'input.json', '--repeats', '2', '--json', '--exec-timeout', '60s');
    t.is(r.code, 0, r.stderr);
    const x = JSON.parse(r.stdout) as { hotLines: { file: string; line: number }[] };
    const lines = x.hotLines.map((h) => `${h.file.split('/').pop()}:${h.line}`).sort();
    // entry.mjs line 3 (`return s ? inner(s) : 0`) and inner.mjs line 2 (`return s.length > 3 ? 1 : 0`).
    t.true(lines.includes('inner.mjs:2'), lines.join(', '));
    t.true(lines.includes('entry.mjs:3'), lines.join(', '));
  } finally {
    removeProject(cwd);
  }
});
