import test from 'ava';
import { parse } from '@babel/parser';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { anchorOf, parseSource, programPath, statementAtLine } from '../src/constraint-lang/anchor.js';
import { byFile } from '../src/constraints/profile.js';
import { targetSources } from '../src/constraints/sources.js';
import { maxWorkers } from '../src/cli/parse.js';
import { writeConstraintsFile } from '../src/constraints/format.js';
import { judge } from '../src/constraints/judge.js';
import { checkExpr } from '../src/constraint-lang/validate-expr.js';
import { datasetCard } from '../src/export/dataset-card.js';
import { GateInputError, runGate } from '../src/export/gate.js';
import { FRAMEWORKS, renderTestSuite, type SuiteSpec } from '../src/export/test-suite.js';
import { ERROR_FINDINGS_MAX_BYTES, ERROR_FINDINGS_MAX_FILES, writeFinding } from '../src/fuzz/findings.js';
import type { ExecReport } from '../src/fuzz/protocol.js';
import { execInputs } from '../src/fuzz/spawn.js';
import { constraintGuard, isRefusal } from '../src/instrument/constraint-guard.js';
import type { ExtraProbe } from '../src/instrument/constraint-probes.js';
import { describeSdkError, llmConfig } from '../src/llm/config.js';
import { LlmError, maskCredentials } from '../src/llm/types.js';
import { loadTarget } from '../src/target/load.js';
import { fixtureProject, removeProject, repo, runIn, wedge } from './helpers/fixture-project.js';

// ---------------------------------------------------------------------------------------------
// A constraint can only read
// ---------------------------------------------------------------------------------------------

/** Each runs program code if evaluated as written: the guard must refuse it on every evaluation. */
const HOSTILE = [
  'store.get(i) === -12345',
  'store.has(i)',
  'store.includes(i)',
  'cache.get(i) === -12345',
  'withGetter.x > 0',
  'inheritsGetter.x > 0',
  'proxy.y > 0',
  'proxyArray.includes(1)',
  'proxyArray.length > 0',
  'coerced > 1',
  '`${coerced}`.length > 0',
  'text.includes(coerced)',
  'text.slice(coerced) === ""',
  'coerced == 5',
  '-coerced < 0',
  'Math.max(coerced, 1) > 0',
  'accessorArray.includes(2)',
  'accessorArray.indexOf(3) > 0',
  'accessorArray[1] > 0',
  'input[coerced] === 1',
];

/** Reads of real built-ins: allowed, and they must still work. */
const BENIGN = [
  'input.length > 0',
  'counts.size > 0',
  'counting.size > 0 && counting.get(input[i] % 8) !== undefined',
  'counting.has(input[i] % 8)',
  'text.indexOf("c") === 2 && text.at(-1) === "c" && text.slice(1, 3) === "bc"',
  'input.includes(input[i]) && input.indexOf(input[i]) >= 0 && input.at(i) === input[i]',
  'input.slice(i).length === input.length - i',
  '/^(abc)+$/.test(text)',
  'accessorArray[0] === 1',
  'Object.is(input.length, input.length) && Math.max(i, 0) >= 0',
];

test('hostile programs: a constraint never runs program code; each attempt is a counted error, and results and work are unchanged', async (t) => {
  const target = await loadTarget(path.resolve('test/fixtures/hostile.target.ts'));
  const sources = targetSources(target);
  const src = sources.find((s) => s.rel === 'hostile.ts')!;
  const program = programPath(parseSource(src.code, src.rel));
  const line = src.code.split('\n').findIndex((l) => l.includes('order += (cache.get(')) + 1;
  const anchor = anchorOf(statementAtLine(program, line)!, src.code, src.rel);
  const probes: ExtraProbe[] = [
    ...HOSTILE.map((expr, i): ExtraProbe => ({ id: `hostile-${i}`, kind: 'constraint', anchor, expr })),
    ...BENIGN.map((expr, i): ExtraProbe => ({ id: `benign-${i}`, kind: 'constraint', anchor, expr })),
    { id: 'measure-coerced', kind: 'measure', anchor, expr: 'coerced' },
    { id: 'measure-getter', kind: 'measure', anchor, expr: 'withGetter.x' },
    { id: 'measure-size', kind: 'measure', anchor, expr: 'counting.size' },
  ];
  const inputs = fc.sample(target.input, { numRuns: 40, seed: 3 });
  const job = { targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs, repeats: 1, returnResults: true };
  const plain = await execInputs(job);
  const probed = await execInputs({ ...job, extras: byFile(probes, sources) });
  t.true(plain.every((r) => r.error === undefined), 'the fixture itself runs');
  t.deepEqual(probed.map((r) => r.result), plain.map((r) => r.result), 'same results: no program code ran (its effects are in the result)');
  t.deepEqual(probed.map((r) => r.work), plain.map((r) => r.work), 'same work: the LRU cache was not reordered');
  t.deepEqual(Object.keys(probed[0]!.constraints ?? {}).sort(), probes.filter((p) => p.kind === 'constraint').map((p) => p.id).sort(), 'every constraint was instrumented');
  for (const [i, r] of probed.entries()) {
    const passes = (inputs[i] as number[]).length;
    HOSTILE.forEach((expr, k) => {
      const c = r.constraints![`hostile-${k}`]!;
      t.is(c.hits, 0, expr);
      t.is(c.errors, passes, `${expr}: refused on every evaluation`);
    });
    BENIGN.forEach((expr, k) => {
      const c = r.constraints![`benign-${k}`]!;
      t.is(c.errors, 0, expr);
      t.is(c.hits, passes, `${expr}: true on every pass`);
    });
  }
});

test('a campaign reports, per constraint, on how many kept inputs its guard refused or caught an error', async (t) => {
  const target = await loadTarget(path.resolve('test/fixtures/hostile.target.ts'));
  const src = targetSources(target).find((s) => s.rel === 'hostile.ts')!;
  const program = programPath(parseSource(src.code, src.rel));
  const line = src.code.split('\n').findIndex((l) => l.includes('order += (cache.get(')) + 1;
  const anchor = anchorOf(statementAtLine(program, line)!, src.code, src.rel);
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-hostile-campaign-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const kept = (id: string, expr: string) => ({ id, target: 'hostile', location: anchor, expr, rationale: 'test', origin: 'static' as const, status: 'kept' as const });
  writeConstraintsFile(root, {
    version: 1,
    target: 'hostile',
    synthesizer: { kind: 'static' },
    sources: { [src.rel]: src.hash },
    createdAt: new Date(0).toISOString(),
    constraints: [kept('lru-get', 'cache.get(i) === -12345'), kept('long-input', 'input.length > 4')],
  });
  const r = await runIn(root, process.execPath, [path.join(repo, 'bin/wedge.mjs'), 'fuzz', target.file, '--execs', '400', '--workers', '1', '--seed', '1']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /constraint lru-get .*errors on (\d+)\/\1 kept inputs/);
  t.notRegex(r.stdout, /constraint long-input .*errors on/);
  const reportPath = /^report: (.*)$/m.exec(r.stdout)![1]!;
  const report = JSON.parse(readFileSync(path.join(root, reportPath), 'utf8')) as { constraints: { id: string; guardErrors?: { errors: number; inputsErring: number; inputsChecked: number } }[] };
  const lru = report.constraints.find((c) => c.id === 'lru-get')!.guardErrors!;
  t.true(lru.errors > 0 && lru.inputsErring === lru.inputsChecked);
  t.is(report.constraints.find((c) => c.id === 'long-input')!.guardErrors!.errors, 0);
});

test('synthesis drops a constraint that errs on most validation inputs, with the reason', (t) => {
  const hits = [0, 0, 0, 0, 0, 0, 9, 1, 0, 7, 3, 2];
  const reports = hits.map((h, i): ExecReport => ({ work: 10 + h * 5, timesMs: [], lines: [], counters: [h, i % 2, h], constraints: { c: { hits: h, errors: i < 9 ? 3 : 0 } } }));
  const v = judge('c', reports, 6, Array(12).fill(10));
  t.is(v.status, 'dropped');
  t.regex(v.reason!, /errs on 9 of the 12 validation inputs .*\(27 evaluations refused by its guard or thrown\)/);
});

test('the guard reads data properties only and calls only the built-ins captured when it loaded', (t) => {
  const g = constraintGuard;
  const refused = (f: () => unknown, what: string) => {
    try {
      f();
      t.fail(`${what}: not refused`);
    } catch (e) {
      t.true(isRefusal(e), what);
    }
  };
  let ran = 0;
  const getter = { get x() { ran++; return 1; } };
  t.throws(() => g.r(getter, 'x'), { any: true });
  t.throws(() => g.r(Object.create(getter), 'x'), { any: true });
  t.throws(() => g.r(new Proxy({ x: 1 }, { getOwnPropertyDescriptor: () => (ran++, undefined) }), 'x'), { any: true });
  t.throws(() => g.r(Object.create(new Proxy({}, { getOwnPropertyDescriptor: () => (ran++, undefined) })), 'x'), { any: true });
  t.throws(() => g.r({ a: 1 }, { toString: () => (ran++, 'a') }), { any: true }, 'an object key would be converted');
  t.throws(() => g.m({ get: () => ran++ }, 'get', 1), { any: true });
  t.throws(() => g.m(new Proxy(new Map(), {}), 'get', 1), { any: true });
  t.throws(() => g.p({ valueOf: () => ran++ }), { any: true });
  t.throws(() => g.eq({ valueOf: () => ran++ }, 1), { any: true });
  t.is(ran, 0, 'no program code ran');
  refused(() => g.m([1], 'push', 2), 'not a read-only method');
  // Reads that are allowed.
  t.is(g.r({ a: 1 }, 'a'), 1);
  t.is(g.r(Object.create({ a: 2 }), 'a'), 2);
  t.is(g.r({}, 'missing'), undefined);
  t.is(g.r('abc', 1), 'b');
  t.is(g.r([1, 2, 3], 'length'), 3);
  t.is(g.r(new Uint8Array(4), 'length'), 4);
  t.is(g.r(new Map([[1, 2]]), 'size'), 1);
  t.is(g.m(new Map([[1, 2]]), 'get', 1), 2);
  t.is(g.m(new Set([1]), 'has', 1), true);
  t.is(g.m([1, 2, NaN], 'includes', NaN), true);
  t.is(g.m([1, 2, 3], 'indexOf', 3), 2);
  t.is(g.m([1, 2, 3, 2], 'lastIndexOf', 2), 3);
  t.is(g.m([1, 2, 3], 'at', -1), 3);
  t.deepEqual(g.m([1, 2, 3, 4], 'slice', 1, -1), [2, 3]);
  t.deepEqual(g.m(new Int16Array([1, 2, 3]), 'slice', 1), new Int16Array([2, 3]));
  t.is(g.m('abcabc', 'lastIndexOf', 'b'), 4);
  t.is(g.m(/^a+$/, 'test', 'aaa'), true);
  t.is(g.s('Math.max', 1, 5), 5);
  t.is(g.eq(null, undefined), true);
  t.is(g.eq({}, null), false);

  // A program that replaces built-ins later does not reach the guard.
  const saved = { includes: String.prototype.includes, get: Map.prototype.get, max: Math.max };
  try {
    String.prototype.includes = function () {
      ran++;
      return true;
    };
    Map.prototype.get = function () {
      ran++;
      return 1;
    };
    Math.max = () => (ran++, 1);
    t.is(g.m('abc', 'includes', 'z'), false);
    t.is(g.m(new Map(), 'get', 1), undefined);
    t.is(g.s('Math.max', 1, 5), 5);
  } finally {
    String.prototype.includes = saved.includes;
    Map.prototype.get = saved.get;
    Math.max = saved.max;
  }
  t.is(ran, 0, 'replaced built-ins were not called');
});

test('operators that can run program code are refused before anything runs', (t) => {
  for (const [expr, why] of [
    ['"y" in proxy', /in is not allowed/],
    ['proxy instanceof Object', /instanceof is not allowed/],
  ] as const) {
    const r = checkExpr(expr);
    t.false(r.ok, expr);
    if (!r.ok) t.regex(r.reason, why);
  }
});

// ---------------------------------------------------------------------------------------------
// Regular expressions in constraints
// ---------------------------------------------------------------------------------------------

test('a regular expression literal that recheck does not call safe is refused', (t) => {
  const bad = checkExpr('/^(-?\\d+,?)+!$/.test(`${a}`)');
  t.false(bad.ok);
  if (!bad.ok) t.regex(bad.reason, /recheck: exponential/);
  const nested = checkExpr('/(a|a)*b/.test(s)');
  t.false(nested.ok);
  const fine = checkExpr('/^[a-z]+\\d*$/i.test(s) && /^a+$/.test(s)');
  t.true(fine.ok, fine.ok ? '' : fine.reason);
});

// ---------------------------------------------------------------------------------------------
// Generated files: data only as JSON string literals
// ---------------------------------------------------------------------------------------------

const CODE = 'globalThis.process.getBuiltinModule("node:fs").writeFileSync("PWNED", "1");';
/** Ways out of a comment, a string or a template, each followed by code. */
const BREAKOUTS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '*/', '${', '`', "'", '"', '\\', '</script>'].map((b) => `x${b}${CODE}//${b}`);

/** Every statement, identifier and comment of a parsed module. */
function parsed(source: string) {
  const ast = parse(source, { sourceType: 'module', plugins: ['typescript'] });
  const identifiers: string[] = [];
  const strings: string[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const node = n as { type?: string; name?: string; value?: unknown; quasis?: { value: { cooked: string } }[] };
    if (node.type === 'Identifier') identifiers.push(node.name!);
    if (node.type === 'StringLiteral') strings.push(node.value as string);
    if (node.type === 'TemplateLiteral') for (const q of node.quasis!) strings.push(q.value.cooked);
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'start' && k !== 'end' && k !== 'leadingComments' && k !== 'trailingComments' && k !== 'innerComments') visit(v);
  };
  visit(ast.program);
  return { ast, identifiers, strings, comments: ast.comments!.map((c) => c.value) };
}

/** The JSON string literals inside comments, decoded. */
function commentData(comments: string[]): string[] {
  return comments.flatMap((c) => [...c.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => JSON.parse(m[0]) as string));
}

test('export tests: ids, paths, hashes, notes, the command and inputs never become code or end a comment', (t) => {
  const spec = (payload: (field: string) => string): SuiteSpec => ({
    framework: 'ava',
    targetId: payload('target'),
    targetPath: payload('path'),
    api: payload('api'),
    from: payload('from'),
    tolerancePercent: 10,
    timeFactor: 2,
    command: payload('command'),
    notes: [payload('note'), `finding 1 left out: the target throws on it (${payload('error')})`],
    cases: [
      { hash: payload('hash'), size: 3, work: 10, budget: 11, timeMs: 1, input: [payload('input'), { [payload('key')]: payload('value') }] },
      { hash: 'plain', work: 5, budget: 5, timeMs: 1, input: JSON.parse(`{"__proto__":${JSON.stringify(payload('proto'))}}`) },
    ],
  });
  for (const framework of FRAMEWORKS) {
    const benign = parsed(renderTestSuite({ ...spec((f) => f), framework }));
    for (const breakout of BREAKOUTS) {
      const s = spec((f) => `${f}:${breakout}`);
      const source = renderTestSuite({ ...s, framework });
      const p = parsed(source);
      const shown = JSON.stringify(breakout);
      t.deepEqual(p.ast.program.body.map((n) => n.type), benign.ast.program.body.map((n) => n.type), `${framework} ${shown}: the same statements as with plain data`);
      t.deepEqual(p.identifiers, benign.identifiers, `${framework} ${shown}: no identifier of the payload became code`);
      t.is(p.comments.length, benign.comments.length, `${framework} ${shown}: no comment was cut short`);
      // The data is all there, as it was: in comments as JSON strings, elsewhere as string literals.
      const data = [...commentData(p.comments), ...p.strings];
      for (const field of ['target', 'from', 'command', 'note']) t.true(data.includes(`${field}:${breakout}`), `${framework} ${shown}: ${field} kept`);
      t.true(data.some((d) => d.includes(`error:${breakout}`)), `${framework} ${shown}: error message kept`);
      for (const field of ['path', 'api', 'hash']) t.true(p.strings.includes(`${field}:${breakout}`), `${framework} ${shown}: ${field} kept`);
      t.false(/[\u2028\u2029]/.test(source), `${framework} ${shown}: no raw line separators`);
    }
  }
  // Numbers go in as numbers or not at all.
  t.throws(() => renderTestSuite({ ...spec((f) => f), cases: [{ hash: 'h', work: '1; evil()' as unknown as number, budget: 1, input: 1 }] }), { message: /field "work" must be a finite number/ });
  t.throws(() => renderTestSuite({ ...spec((f) => f), tolerancePercent: Number.NaN }), { message: /tolerancePercent/ });
});

test('export tests end to end: a corpus hash and an error message carrying code are written as data, and running the suite runs none of it', async (t) => {
  const project = fixtureProject('hostile-export', ['tsx']);
  t.teardown(() => removeProject(project));
  // A target that throws with its input in the message, as many do.
  writeFileSync(
    path.join(project, 'targets/echo.ts'),
    'export function echo(words: string[]): number {\n  let n = 0;\n  for (const w of words) {\n    if (w.startsWith("!")) throw new Error(`rejected ${w}`);\n    n += w.length;\n  }\n  return n;\n}\n',
  );
  writeFileSync(
    path.join(project, 'targets/echo.target.ts'),
    "import fc from 'fast-check';\nimport { defineTarget } from 'wedge';\nimport { echo } from './echo.ts';\n\nexport default defineTarget({\n  id: 'echo',\n  fn: (w: string[]) => echo(w),\n  input: fc.array(fc.string(), { maxLength: 8 }),\n  size: (w) => w.length,\n  maxSize: 8,\n  instrument: ['./echo.ts'],\n});\n",
  );
  const payload = (b: string) => `${b}${CODE}//`;
  const corpus = path.join(project, 'corpora/echo');
  mkdirSync(corpus, { recursive: true });
  const entry = (name: string, hash: string, input: string[], work: number) =>
    writeFileSync(path.join(corpus, `${name}.json`), JSON.stringify({ version: 1, target: 'echo', mode: 'wedge', seed: 1, hash, input, size: input.length, work, timeMs: 0, reasons: [], foundAtMs: 0 }));
  entry('a', `x${payload('\n')}`, ['ok', `a${payload('\u2028')}`], 999);
  entry('b', `y${payload('\r')}`, ['fine'], 998);
  entry('c', 'c0ffee', [`!${payload('\n')}`], 997);
  entry('d', 'd0ffee', [`!${payload('\u2029')}*/\${\``], 996);
  // Over the size budget (maxSize 8) and with the highest work: neither a test nor a baseline entry.
  entry('e', 'e0ffee', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], 5000);
  const r = await wedge(project, 'export', 'tests', 'echo', '--framework', 'node', '--out', 'test/perf/echo.test.ts');
  t.is(r.code, 0, r.stderr);
  const source = readFileSync(path.join(project, 'test/perf/echo.test.ts'), 'utf8');
  const p = parsed(source);
  t.false(p.identifiers.includes('getBuiltinModule'), 'no payload parses as code');
  const data = [...commentData(p.comments), ...p.strings];
  // Notes quote the first line of an error; a line separator does not end a line there.
  t.true(data.some((d) => d.includes(`rejected !${payload('\u2029')}*/\${\``)), 'the error message is kept, as data');
  t.true(p.strings.includes(`x${payload('\n')}`), 'the hash is kept, as data');
  const run = await runIn(project, process.execPath, ['--import', 'tsx', '--test', 'test/perf/echo.test.ts']);
  t.is(run.code, 0, run.stdout + run.stderr);
  t.regex(run.stdout, /^# pass 2$/m);
  t.false(existsSync(path.join(project, 'PWNED')), 'running the suite ran no code from the data');
  t.notRegex(source, /e0ffee/, 'the input over the size budget is not a test');
  t.regex(source, /1 input over the size budget \(maxSize 8\) left out/);
  const gate = await wedge(project, 'gate', 'echo', '--update');
  t.is(gate.code, 0, gate.stderr);
  t.regex(gate.stderr, /1 input over the size budget \(maxSize 8\) left out/);
  const baseline = JSON.parse(readFileSync(path.join(project, 'reports/baseline.json'), 'utf8')) as { targets: Record<string, { worst: number; findings: Record<string, unknown> }> };
  t.false('e0ffee' in baseline.targets.echo!.findings, 'the input over the size budget is not in the baseline');
  t.true(`x${payload('\n')}` in baseline.targets.echo!.findings, 'the hash is a key of the baseline, as data');
});

test('the dataset card keeps report text (run folders, modes, model names) on its line, out of HTML and code', (t) => {
  const evil = 'x\n---\nlicense: evil\n<script>alert(1)</script>`| injected |\u2028# heading';
  const card = datasetCard({
    name: evil,
    license: 'mit',
    split: 'train',
    files: { parquet: 'data/train-00000-of-00001.parquet', jsonl: 'data/train.jsonl' },
    records: [],
    targets: [{ id: 'demo', rows: 1, report: `reports/demo/${evil}/report.json`, mode: evil, seed: 1, constraints: evil }],
    skipped: [{ target: evil, reason: 'none' }],
    createdAt: evil,
  });
  const front = /^---\n([\s\S]*?)\n---\n/.exec(card)![1]!;
  t.notRegex(front, /^license: evil/m, 'the front matter gained no key');
  // Inside a code span or a quoted YAML scalar it is text; anywhere else it would be markup.
  const prose = card.slice(front.length + 8).replace(/(`+).*?\1/g, '');
  t.notRegex(prose, /<script>/, 'no raw HTML');
  t.false(/[\u2028\u2029]/.test(card));
  const row = card.split('\n').find((l) => l.startsWith('| demo |'))!;
  t.is(row.split(/(?<!\\)\|/).length - 2, 7, 'the row still has its seven cells');
});

// ---------------------------------------------------------------------------------------------
// Paths read from files stay inside the project
// ---------------------------------------------------------------------------------------------

test('a baseline whose target file lies outside the project is refused, naming the file and the field, before anything is imported', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-hostile-root-'));
  const elsewhere = mkdtempSync(path.join(tmpdir(), 'wedge-hostile-elsewhere-'));
  t.teardown(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });
  const marker = path.join(elsewhere, 'IMPORTED');
  const evil = path.join(elsewhere, 'evil.target.ts');
  writeFileSync(evil, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, '1');\nexport default {};\n`);
  mkdirSync(path.join(root, 'reports'), { recursive: true });
  mkdirSync(path.join(root, 'targets'), { recursive: true });
  symlinkSync(evil, path.join(root, 'targets/linked.target.ts'));
  const baseline = (file: string) =>
    writeFileSync(path.join(root, 'reports/baseline.json'), JSON.stringify({ version: 1, targets: { evil: { file, worst: 1, findings: { aa: { work: 1, input: [] } } } } }));
  for (const file of [path.relative(root, evil), evil, 'targets/linked.target.ts']) {
    baseline(file);
    const e = await t.throwsAsync(runGate([], { root, baselineFile: 'reports/baseline.json', thresholdPercent: 10, update: false, top: 10 }), { instanceOf: GateInputError });
    t.regex(e!.message, /^reports[/\\]baseline\.json: field "targets\.evil\.file" .* resolves outside the project/, file);
  }
  t.false(existsSync(marker), 'the outside file was never imported');
});

// ---------------------------------------------------------------------------------------------
// Credentials in WEDGE_LLM_BASE_URL
// ---------------------------------------------------------------------------------------------

test('credentials in WEDGE_LLM_BASE_URL are never echoed', async (t) => {
  const secret = 's3cret-pass-word';
  const url = `http://alice:${secret}@127.0.0.1:9/v1`;
  const e = t.throws(() => llmConfig('openai:m', { WEDGE_LLM_BASE_URL: url, OPENAI_API_KEY: 'k' }), { instanceOf: LlmError });
  t.regex(e!.message, /WEDGE_LLM_BASE_URL \(http:\/\/\*\*\*@127\.0\.0\.1:9\/v1\) holds credentials/);
  t.false(e!.message.includes(secret) || e!.message.includes('alice'));
  // Whatever an SDK or fetch puts in its message, it is masked on the way out.
  const config = { provider: 'openai' as const, model: 'm', baseURL: url, timeoutMs: 1, maxRetries: 0 };
  for (const err of [new TypeError(`Request cannot be constructed from a URL that includes credentials: ${url}chat/completions`), { status: 500, message: `upstream ${url} failed` }, { name: 'APIConnectionError', cause: { message: `connect ECONNREFUSED ${url}` } }]) {
    const m = describeSdkError(err, config).message;
    t.false(m.includes(secret) || m.includes('alice'), m);
    t.regex(m, /\*\*\*@/);
  }
  t.is(maskCredentials('see https://bob:pw@example.com/x and ftp://u@h'), 'see https://***@example.com/x and ftp://***@h');
  // End to end: synthesis asked to use such a server falls back to static constraints, and says so without the secret.
  const project = fixtureProject('hostile-llm');
  t.teardown(() => removeProject(project));
  const r = await new Promise<{ code: number; stderr: string; stdout: string }>((resolve) =>
    execFile(process.execPath, [path.join(repo, 'bin/wedge.mjs'), 'synth', 'dedupe', '--llm', 'openai:m'], {
        cwd: project,
        // As runIn does: `wedge` imported by name resolves to this repository's sources.
        env: { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, '--conditions=wedge-source'].filter(Boolean).join(' '), WEDGE_LLM_BASE_URL: url, OPENAI_API_KEY: 'k', WEDGE_LLM_CACHE: 'off' },
      }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /LLM synthesis failed: .*holds credentials/);
  t.false((r.stdout + r.stderr).includes(secret), 'the password is not printed');
  t.false(readFileSync(path.join(project, 'constraints/dedupe.json'), 'utf8').includes(secret), 'nor written');
});

// ---------------------------------------------------------------------------------------------
// Options out of range
// ---------------------------------------------------------------------------------------------

test('options out of range are refused with an error naming the flag, before anything starts', async (t) => {
  const tooMany = String(maxWorkers() + 1);
  const cases: [string[], RegExp][] = [
    [['fuzz', 'dedupe', '--exec-timeout', '40ms'], /--exec-timeout.*below the minimum of 50ms/],
    [['fuzz', 'dedupe', '--exec-timeout', '0'], /--exec-timeout.*below the minimum/],
    [['fuzz', 'dedupe', '--workers', tooMany], new RegExp(`--workers.*${tooMany} is more than`)],
    [['fuzz', 'dedupe', '--workers', '0'], /--workers.*at least 1/],
    [['fuzz', 'dedupe', '--memory', '0'], /--memory.*below the minimum of 64 MB/],
    [['fuzz', 'dedupe', '--memory', '1'], /--memory.*below the minimum/],
    [['fuzz', 'dedupe', '--time', '0'], /--time.*must be more than 0/],
    [['fuzz', 'dedupe', '--execs', '0'], /--execs.*must be at least 1/],
    [['run', 'dedupe', '--workers', tooMany], /--workers/],
    [['gate', 'dedupe', '--fuzz', '0s'], /--fuzz .*must be more than 0/],
    [['gate', 'dedupe', '--fuzz-execs', '0'], /--fuzz-execs.*must be at least 1/],
    [['gate', 'dedupe', '--memory', '8'], /--memory.*below the minimum/],
  ];
  const project = fixtureProject('hostile-options');
  t.teardown(() => removeProject(project));
  const results = await Promise.all(cases.map(([args]) => wedge(project, ...args)));
  results.forEach((r, i) => {
    const [args, why] = cases[i]!;
    t.not(r.code, 0, args.join(' '));
    t.regex(r.stderr, why, args.join(' '));
    t.notRegex(r.stderr, /TypeError|at .*\.ts:\d+/, `${args.join(' ')}: a message, not a crash`);
  });
  t.false(existsSync(path.join(project, 'corpora')), 'no search started');
});

// ---------------------------------------------------------------------------------------------
// --keep-errors is bounded
// ---------------------------------------------------------------------------------------------

test('error findings on disk are bounded in number and bytes; a huge input is recorded without it', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-hostile-findings-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  let written = 0;
  for (let i = 0; i < ERROR_FINDINGS_MAX_FILES + 100; i++) {
    const r = writeFinding(dir, { target: 't', kind: 'error', detail: `Error: rejected ${i}`, input: [i], foundAtMs: i });
    if (r.file) written++;
    t.is(r.finding.detail, `Error: rejected ${i}`, 'the finding itself is still returned');
  }
  t.is(written, ERROR_FINDINGS_MAX_FILES);
  t.is(readdirSync(dir).filter((n) => n.startsWith('error-')).length, ERROR_FINDINGS_MAX_FILES);
  const big = mkdtempSync(path.join(tmpdir(), 'wedge-hostile-findings-'));
  t.teardown(() => rmSync(big, { recursive: true, force: true }));
  const r = writeFinding(big, { target: 't', kind: 'error', detail: 'x'.repeat(100_000), input: 'y'.repeat(1_000_000), foundAtMs: 0 });
  const stored = JSON.parse(readFileSync(r.file!, 'utf8')) as { input?: unknown; detail: string };
  t.is(stored.input, undefined);
  t.true(stored.detail.length < 3000);
  let bytes = 0;
  for (let i = 0; i < ERROR_FINDINGS_MAX_FILES; i++) writeFinding(big, { target: 't', kind: 'error', detail: `E ${i}`, input: 'z'.repeat(200_000) + i, foundAtMs: i });
  for (const n of readdirSync(big)) bytes += statSync(path.join(big, n)).size;
  t.true(bytes <= ERROR_FINDINGS_MAX_BYTES, `${bytes} bytes`);
});

test('fuzz --keep-errors on a target whose errors quote the input keeps a bounded number of files', async (t) => {
  const project = fixtureProject('hostile-errors');
  t.teardown(() => removeProject(project));
  writeFileSync(path.join(project, 'targets/loud.ts'), 'export function loud(a: number[]): number {\n  if (a.length > 0) throw new Error(`rejected ${JSON.stringify(a)}`);\n  return 0;\n}\n');
  writeFileSync(
    path.join(project, 'targets/loud.target.ts'),
    "import fc from 'fast-check';\nimport { defineTarget } from 'wedge';\nimport { loud } from './loud.ts';\n\nexport default defineTarget({\n  id: 'loud',\n  fn: (a: number[]) => loud(a),\n  input: fc.array(fc.integer(), { maxLength: 16 }),\n  size: (a) => a.length,\n  maxSize: 16,\n  instrument: ['./loud.ts'],\n});\n",
  );
  const r = await wedge(project, 'fuzz', 'loud', '--execs', '3000', '--workers', '1', '--keep-errors');
  t.is(r.code, 0, r.stderr);
  const files = readdirSync(path.join(project, 'corpora/loud/findings')).filter((n) => n.startsWith('error-'));
  t.true(files.length > 0 && files.length <= ERROR_FINDINGS_MAX_FILES, `${files.length} error files`);
  t.true(r.stdout.split('\n').filter((l) => l.startsWith('threw ')).length <= 10, 'the summary shows the most frequent error groups');
  t.regex(r.stdout, /… \d+ more error groups/);
  // The report keeps at most 200 groups too, their counts summing to every error.
  const report = JSON.parse(readFileSync(path.join(project, /report: (\S+)/.exec(r.stdout)![1]!), 'utf8')) as { errors: number; errorGroups: Record<string, number> };
  const groups = Object.entries(report.errorGroups);
  t.true(groups.length <= 200, `${groups.length} groups in report.json`);
  t.is(groups.reduce((n, [, v]) => n + v, 0), report.errors);
  t.true(groups.some(([k]) => k.startsWith('(other errors')));
});
