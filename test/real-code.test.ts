// The search on code written the way users write it: long string inputs, their own fast-check,
// characters the code tests for, regexes built at run time.
import test from 'ava';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCampaign } from '../src/fuzz/campaign.js';
import { pump, probeGrowth } from '../src/fuzz/growth-search.js';
import { stretchToBudget } from '../src/fuzz/mutate/budget.js';
import { inferShape } from '../src/fuzz/mutate/infer.js';
import { openAlphabets } from '../src/fuzz/mutate/open-alphabet.js';
import { pumpAttack, RegexAnalyzer, type RegexHint } from '../src/fuzz/regex-hints.js';
import { textSlot } from '../src/fuzz/text-slot.js';
import { regexText } from '../src/instrument/regex-text.js';
import { instrumentSource } from '../src/instrument/transform.js';
import { loadTarget } from '../src/target/load.js';
import { regexSection } from '../src/report/html/regex-table.js';
import { repo } from './helpers/fixture-project.js';

/** A user's project with its own copy of fast-check (not a link: a second instance). */
function projectWithOwnFastCheck(code: string, body: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-realcode-'));
  mkdirSync(path.join(dir, 'node_modules'));
  cpSync(path.join(repo, 'node_modules/fast-check'), path.join(dir, 'node_modules/fast-check'), { recursive: true });
  symlinkSync(path.join(repo, 'node_modules/pure-rand'), path.join(dir, 'node_modules/pure-rand'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'realcode', private: true, type: 'module' }));
  writeFileSync(path.join(dir, 'code.cjs'), code);
  writeFileSync(path.join(dir, 'scan.target.mjs'), body);
  return dir;
}

test('the budget is the declared one with a second copy of fast-check in the project', async (t) => {
  const dir = projectWithOwnFastCheck(
    'module.exports = (s) => { let n = 0; for (let i = 0; i < s.length; i++) if (s[i] === "(") n++; return n; };',
    `import fc from 'fast-check';
import { createRequire } from 'node:module';
const scan = createRequire(import.meta.url)('./code.cjs');
export default { id: 'scan', fn: (s) => scan(s), input: fc.string({ maxLength: 4000 }), size: (s) => s.length, maxSize: 4000, instrument: ['./code.cjs'] };
`,
  );
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const target = await loadTarget(path.join(dir, 'scan.target.mjs'));
  const r = await runCampaign({ target, mode: 'wedge', seed: 1, execs: 3000, root: dir, useCorpus: false, timeFeedback: false });
  const longest = Math.max(...r.kept.map((k) => k.size));
  t.true(longest > 2000, `the longest kept input has ${longest} chars of a 4000 budget`);
  t.true(longest <= 4000);
});

test('a record field measured by the size grows to the budget; other shapes stay as sampled', (t) => {
  const samples = [{ text: 'ab', n: 1 }, { text: 'abcd', n: 2 }];
  const shape = stretchToBudget(inferShape(samples), samples, (x) => (x as { text: string }).text.length, 500);
  t.is(shape.kind === 'object' && shape.fields.text!.kind === 'string' ? shape.fields.text!.maxLen : -1, 500);
  const arrays = [[1, 2], [3]];
  const unchanged = stretchToBudget(inferShape(arrays), arrays, () => 7, 500);
  t.is(unchanged.kind === 'array' ? unchanged.maxLen : -1, 2);
});

test('general text takes the source characters; a narrow alphabet stays closed; a target can pin either', (t) => {
  const general = inferShape([Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')]);
  const opened = openAlphabets(general, ['\f', '\n', 'a']);
  t.deepEqual(opened.added, ['\n', '\f']);
  t.true(opened.shape.kind === 'string' && opened.shape.chars.includes('\f'));
  const hex = inferShape(['0123456789abcdef']);
  t.deepEqual(openAlphabets(hex, ['\f']).added, []);
  t.deepEqual(openAlphabets(hex, ['\f'], 'open').added, ['\f']);
  t.deepEqual(openAlphabets(general, ['\f'], 'closed').added, []);
});

test('regex patterns give their characters and literal runs', (t) => {
  const ws = regexText('[ \\t]*$');
  t.true(ws.chars.includes(' ') && ws.chars.includes('\t'));
  t.true(regexText('^\\s+').chars.includes('\f'));
  t.deepEqual(regexText('<!--[\\s\\S]*?-->').tokens, ['<!--', '-->']);
  t.true(regexText('\\x1b\\[').chars.includes('\x1b'));
  t.deepEqual(regexText('ab+c').tokens, []); // "a" then a repeated "b": no run of two literal chars
});

test('instrumentation notes regex literals and wraps new RegExp without changing its value', (t) => {
  const out = instrumentSource('function f(s) { return /a+b/g.test(s) || new RegExp(s + "x", "i").test("X"); }\nmodule.exports = f;', '/tmp/re.js', 're');
  t.regex(out.code, /__wedge_probes\.regex\("re"/);
  t.regex(out.code, /\\"regexes\\":\[\{\\"source\\":\\"a\+b\\",\\"flags\\":\\"g\\"/);
  // A local named RegExp is the program's own: left alone.
  const local = instrumentSource('function g(RegExp) { return new RegExp("a"); }', '/tmp/re2.js', 're2');
  t.notRegex(local.code, /\.regex\(/);
});

test('recheck finds the attack of a vulnerable pattern and calls a linear one safe', async (t) => {
  const hints: RegexHint[] = [];
  const analyzer = new RegexAnalyzer((h) => hints.push(h), (m) => t.fail(m));
  analyzer.add([
    { source: '^(\\d+)*x$', flags: '', line: 1, fn: 'f' },
    { source: '^abc$', flags: '', line: 2, fn: 'g' },
  ]);
  for (let i = 0; i < 200 && analyzer.verdicts.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  t.is(analyzer.verdicts.find((v) => v.source === '^abc$')?.status, 'safe');
  const hint = hints.find((h) => h.source === '^(\\d+)*x$');
  t.truthy(hint);
  t.is(hint!.complexity, 'exponential');
  const attack = pumpAttack(hint!, 30);
  t.true(attack.length <= 30 && attack.length >= 20);
  t.false(/^(\d+)*x$/.test(attack));
});

test('growth probes report a quadratic pattern pumped to the budget and pass a linear one by', (t) => {
  const slot = textSlot({ kind: 'string', chars: [], minLen: 0, maxLen: 4096, pool: [] })!;
  const quadratic = (s: string) => ({ work: s.length * s.length, timeMs: 0 });
  const linear = (s: string) => ({ work: 3 * s.length, timeMs: 0 });
  const p = { prefix: 'x', unit: ' ', suffix: '\f' };
  const g = probeGrowth('', slot, p, 256, (x) => quadratic(x as string));
  t.truthy(g);
  t.true(g!.exponent > 1.9);
  t.is((g!.input as string).length, 4096);
  t.is(probeGrowth('', slot, p, 256, (x) => linear(x as string)), undefined);
  t.is(pump(p, 10), 'x        \f');
});

test('the report lists regexes vulnerable first, escaped, with the source characters', (t) => {
  const html = regexSection({
    regexes: [
      { source: 'a', flags: '', line: 1, fn: 'f', file: 'x.js', dynamic: false, status: 'safe', detail: 'safe' },
      { source: '<(a+)+>', flags: 'g', line: 9, fn: 'g', file: 'y.js', dynamic: true, status: 'vulnerable', detail: 'exponential', attack: "'<' + 'a'.repeat(31)" },
    ],
    sourceChars: ['\f'],
  });
  t.true(html.indexOf('&lt;(a+)+&gt;') < html.indexOf('<code>/a/</code>'));
  t.regex(html, /1 safe, 1 vulnerable|1 vulnerable, 1 safe/);
  t.true(html.includes('\\f'));
  t.false(html.includes('<(a+)+>'));
});

test('the report says which attacked regexes the search ran, and which it never reached', async (t) => {
  const dir = projectWithOwnFastCheck(
    `const COMMENT = /<!--.*?-->/g;
const NEVER = /<b>.*?<\\/b>/g;
// The second pattern sits in code no input reaches.
module.exports = (s) => (s.length < 0 ? s.replace(NEVER, '') : s.replace(COMMENT, '')).length;`,
    `import fc from 'fast-check';
import { createRequire } from 'node:module';
const strip = createRequire(import.meta.url)('./code.cjs');
export default { id: 'strip', fn: (s) => strip(s), input: fc.string({ maxLength: 2000 }), size: (s) => s.length, maxSize: 2000, instrument: ['./code.cjs'] };
`,
  );
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const target = await loadTarget(path.join(dir, 'scan.target.mjs'));
  // Long enough, on a busy machine, for the worker to load, report its patterns, take the attacks back and run again.
  const r = await runCampaign({ target, mode: 'wedge', seed: 1, timeMs: 20_000, root: dir, useCorpus: false, timeFeedback: false });
  const verdict = (source: string) => r.regexes?.find((v) => v.source === source);
  // Both are global patterns that open with text: each has a retry attack, so each is watched.
  t.is(verdict('<!--.*?-->')?.reached, true);
  t.is(verdict('<b>.*?<\\/b>')?.reached, false);
});
