import test from 'ava';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { installInstrumentation } from '../src/instrument/install.js';
import { retryHint, regexKey, type RegexHint } from '../src/fuzz/regex-hints.js';
import { contextPatterns, locate, lookupEnumeration, lookupReplacements } from '../src/fuzz/regex-context.js';
import { COMPARED } from '../src/instrument/regex-taps.js';
import { pump } from '../src/fuzz/growth-search.js';
import { Rng } from '../src/fuzz/rng.js';
import { fitHint } from '../src/fuzz/attack-fit.js';
import { textSlot } from '../src/fuzz/text-slot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const registry = installInstrumentation(['./fixtures/regex-sites.ts'], here);
const { strip, isRun, href, words, allowed } = await import('./fixtures/regex-sites.ts');

test('watched regexes report the strings they run on; others and untraced runs report nothing', (t) => {
  registry.taps.beginTrace();
  t.is(href('<a href="x<!--y-->z">'), 'xz');
  t.deepEqual(registry.taps.endTrace(), [], 'nothing is watched yet');

  // The module-level pattern was created at load, before it was watched: it is tapped now.
  registry.taps.watch(['g/<!--.*?-->', '/^a+b$']);
  registry.taps.beginTrace();
  t.is(href('<p><a href=" x<!--y-->z<!--w--> ">'), 'xz');
  t.true(isRun('aaab'));
  t.false(isRun('aaa'));
  t.deepEqual(registry.taps.endTrace(), [
    // A global regex in `replace` runs exec once per match: only its first call is noted.
    { key: 'g/<!--.*?-->', arg: 'x<!--y-->z<!--w-->' },
    // A literal inside a function is a new object per call: each is tapped when created.
    { key: '/^a+b$', arg: 'aaab' },
    { key: '/^a+b$', arg: 'aaa' },
  ]);
  // Outside a trace nothing is noted, and results are those of the untouched regexes.
  t.is(strip('a<!--b-->c<!--d'), 'ac<!--d');
  registry.taps.beginTrace();
  t.deepEqual(registry.taps.endTrace(), []);
  t.false(Object.keys(/x/).includes('exec'));
});

test('a pattern compiled at run time is tapped too, and behaves as before', (t) => {
  registry.taps.watch(['g/[^,]+']);
  registry.taps.beginTrace();
  t.deepEqual(words('a,bb,,c', ','), ['a', 'bb', 'c']);
  t.deepEqual(registry.taps.endTrace(), [{ key: 'g/[^,]+', arg: 'a,bb,,c' }]);
});

test('global patterns that open with text and go on to a repeat give a retry attack', (t) => {
  t.deepEqual(retryHint('<!--.*?-->', 'g')?.pumps, [{ prefix: '', pump: '<!--' }]);
  t.deepEqual(retryHint('<\\!\\-\\-.*?\\-\\-\\>', 'g')?.pumps, [{ prefix: '', pump: '<!--' }]);
  t.is(retryHint('<!--.*?-->', ''), undefined, 'not global: one match attempt per call');
  t.is(retryHint('&(?![a-z]{1,20};)', 'g'), undefined, 'no unbounded repeat');
  t.is(retryHint('[\\x00-\\x20]+', 'g'), undefined, 'no opening text');
  t.is(regexKey({ source: 'a', flags: 'gi' }), 'gi/a');
});

test('an attack goes where the regex argument sits in the input', (t) => {
  const text = 'x <a href="abc">tail';
  t.deepEqual(locate(text, 'abc'), { at: 11, len: 3 });
  t.deepEqual(locate(text, ' abc '), { at: 11, len: 3 }, 'trimmed by the code');
  t.deepEqual(locate(text, 'ABC'), { at: 11, len: 3 }, 'case changed by the code');
  t.is(locate(text, ''), undefined);
  t.is(locate(text, 'zzz'), undefined);
  const h: RegexHint = { source: '<!--.*?-->', flags: 'g', pumps: [{ prefix: '', pump: '<!--' }], suffix: '', complexity: 2 };
  const [first] = contextPatterns(text, 'abc', h, () => '', new Rng(1));
  t.deepEqual(first, { prefix: 'x <a href="', unit: '<!--', suffix: '">tail' });
  t.is(pump(first!, 31), 'x <a href="<!--<!--<!--">tail');
});

test('an attack with characters outside the alphabet is mapped into it, the same way throughout', (t) => {
  const slot = textSlot({ kind: 'string', chars: ['a', 'b', '!'], minLen: 0, maxLen: 28, pool: [] })!;
  const h: RegexHint = { source: '^(\\w+\\s?)*$', flags: '', pumps: [{ prefix: '\x00', pump: 'a\x00' }], suffix: '\x00\x01', complexity: 'exponential' };
  const fitted = fitHint(h, slot, () => '!');
  t.deepEqual(fitted.pumps, [{ prefix: '!', pump: 'a!' }]);
  t.is(fitted.suffix, '!!');
  let n = 0;
  const mapped = fitHint(h, slot, () => ['b', '!'][n++ % 2]);
  t.is(mapped.pumps[0]!.prefix, 'b');
  t.is(mapped.pumps[0]!.pump, 'ab', 'one character maps to one replacement');
  t.is(mapped.suffix, 'b!');
});

test('a traced run notes strings looked up among constants, and the built-ins come back after it', (t) => {
  const indexOf = Array.prototype.indexOf;
  registry.taps.beginTrace();
  t.false(allowed('gl45'));
  t.true(allowed('i'));
  const noted = registry.taps.endTrace().filter((a) => a.key === COMPARED);
  t.deepEqual(noted, [
    { key: COMPARED, arg: 'gl45', want: ['p', 'a', 'img'] },
    { key: COMPARED, arg: 'gl45', want: ['b', 'i'] },
    { key: COMPARED, arg: 'i', want: ['p', 'a', 'img'] },
    { key: COMPARED, arg: 'i', want: ['b'] },
  ]);
  t.is(Array.prototype.indexOf, indexOf);
  t.false(allowed('zz'));
  registry.taps.beginTrace();
  t.deepEqual(registry.taps.endTrace(), [], 'untraced lookups are not noted');
});

test('a looked-up piece of the input is replaced by the constants it was compared with', (t) => {
  const out = lookupReplacements('<gl45 x=1>hi</gl45>', 'gl45', ['a'], new Rng(3));
  t.true(out.length > 0);
  t.true(out.every((s) => s === '<a x=1>hi</gl45>' || s === '<gl45 x=1>hi</a>'));
  t.deepEqual(lookupReplacements('abc', 'zz', ['a'], new Rng(3)), []);
});

test('a looked-up list is tried whole, where the piece stands as a token of its own', (t) => {
  const tags = ['p', 'a', 'img', 'p'];
  // 'x' is also inside "max": the standalone one (the tag) is the place.
  const out = lookupEnumeration('<x max=1>hi', 'x', tags, new Rng(5));
  t.deepEqual(out, ['<p max=1>hi', '<a max=1>hi', '<img max=1>hi']);
  t.deepEqual(lookupEnumeration('abc', 'zz', tags, new Rng(5)), []);
  // The code looked up the lower-cased name: the piece is found in the input's own case.
  t.deepEqual(lookupEnumeration('<X y=1>', 'x', ['a'], new Rng(5)), ['<a y=1>']);
});
