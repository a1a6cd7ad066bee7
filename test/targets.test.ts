import test from 'ava';
import fc from 'fast-check';
import type { TargetSpec } from '../src/index.js';
import { knownWorst } from '../bench/known-worst.ts';
import { render as renderProgram, type Instruction } from '../targets/stack-vm.target.ts';
import { render as renderPairs } from '../targets/pairs-with-sum.target.ts';

// Seeds are drawn at size 'max' (fast-check accepts it at runtime though its type says otherwise).
fc.configureGlobal({ baseSize: 'max' } as unknown as fc.GlobalParameters);

const IDS = [
  'insertion-sort',
  'quicksort-first-pivot',
  'bst-insert',
  'bubble-sort-early-exit',
  'naive-substring',
  'weak-hash-table',
  'dedupe-indexof',
  'regex-nested-quantifier',
  'collatz-steps',
  'gcd-euclid',
  'bellman-ford-early-stop',
  'union-find-naive',
  'stack-vm',
  'word-frequency-sort',
  'pairs-with-sum',
  'lcs-recursive-memoless',
] as const;
type Id = (typeof IDS)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTarget = Omit<TargetSpec<any>, 'fn'> & { fn: (input: any) => any };

const cache = new Map<Id, Promise<AnyTarget>>();
function load(id: Id): Promise<AnyTarget> {
  let p = cache.get(id);
  if (!p) {
    p = import(`../targets/${id}.target.ts`).then((m: { default: AnyTarget }) => m.default);
    cache.set(id, p);
  }
  return p;
}

function samples<T>(target: TargetSpec<T>, numRuns = 100): T[] {
  return fc.sample(target.input, { numRuns, seed: 42 });
}

// ---------------------------------------------------------------- generic checks, every target

test('knownWorst covers exactly the target ids', (t) => {
  t.deepEqual(Object.keys(knownWorst).sort(), [...IDS].sort());
  t.is(knownWorst['dedupe-indexof'].cost, 'time');
  t.is(knownWorst['regex-nested-quantifier'].cost, 'time');
  for (const id of IDS) {
    if (id !== 'dedupe-indexof' && id !== 'regex-nested-quantifier') t.is(knownWorst[id].cost, 'work', id);
  }
});

for (const id of IDS) {
  test(`${id}: spec shape`, async (t) => {
    const target = await load(id);
    t.is(target.id, id);
    t.is(typeof target.fn, 'function');
    t.true(typeof target.description === 'string' && target.description.length > 0);
    t.deepEqual(target.instrument, [`./${id}.ts`]);
    t.is(typeof target.validate, 'function');
  });

  test(`${id}: 100 samples at size max are valid and within budget`, async (t) => {
    const target = await load(id);
    const xs = samples(target);
    t.is(xs.length, 100);
    let largest = 0;
    for (const x of xs) {
      t.true(target.validate!(x), `invalid sample ${JSON.stringify(x)}`);
      const size = target.size(x);
      t.true(size <= target.maxSize, `sample of size ${size} > ${target.maxSize}`);
      largest = Math.max(largest, size);
    }
    // The arbitrary reaches the budget (or close to it) when drawn at size max.
    t.true(largest >= target.maxSize * 0.8, `largest sample ${largest} of ${target.maxSize}`);
  });

  test(`${id}: known-worst input is valid, within budget, and runs`, async (t) => {
    const target = await load(id);
    const x = knownWorst[id].input();
    t.true(target.validate!(x));
    t.true(target.size(x) <= target.maxSize);
    const before = structuredClone(x);
    t.notThrows(() => target.fn(x));
    t.deepEqual(x, before);
  });

  test(`${id}: fn does not mutate its input`, async (t) => {
    const target = await load(id);
    for (const x of samples(target, 30)) {
      const before = structuredClone(x);
      target.fn(x);
      t.deepEqual(x, before);
    }
  });
}

// ---------------------------------------------------------------- references

const numSort = (a: number[]): number[] => [...a].sort((x, y) => x - y);

for (const id of ['insertion-sort', 'quicksort-first-pivot', 'bubble-sort-early-exit', 'bst-insert'] as const) {
  test(`${id}: sorts`, async (t) => {
    const target = await load(id);
    t.deepEqual(target.fn([]), []);
    t.deepEqual(target.fn([1]), [1]);
    t.deepEqual(target.fn([3, -1, 2, -1, 0]), [-1, -1, 0, 2, 3]);
    t.deepEqual(target.fn([5, 5, 5]), [5, 5, 5]);
    for (const a of samples(target)) t.deepEqual(target.fn(a), numSort(a));
    const worst = knownWorst[id].input() as number[];
    t.deepEqual(target.fn(worst), numSort(worst));
  });
}

test('naive-substring: counts overlapping occurrences', async (t) => {
  const target = await load('naive-substring');
  const ref = (text: string, pattern: string): number => {
    let c = 0;
    for (let p = text.indexOf(pattern); p !== -1; p = text.indexOf(pattern, p + 1)) c++;
    return c;
  };
  t.is(target.fn({ text: 'aaaa', pattern: 'aa' }), 3);
  t.is(target.fn({ text: 'abcabc', pattern: 'abc' }), 2);
  t.is(target.fn({ text: 'ab', pattern: 'abc' }), 0);
  t.is(target.fn({ text: '', pattern: 'a' }), 0);
  t.is(target.fn(knownWorst['naive-substring'].input()), 0);
  for (const x of samples(target)) t.is(target.fn(x), ref(x.text, x.pattern));
  for (const x of fc.sample(
    fc.record({ text: fc.stringMatching(/^[ab]{0,40}$/), pattern: fc.stringMatching(/^[ab]{1,3}$/) }),
    { numRuns: 100, seed: 1 },
  )) {
    t.is(target.fn(x), ref(x.text, x.pattern));
  }
  t.false(target.validate!({ text: 'abc', pattern: '' }));
  t.false(target.validate!({ text: 'aBc', pattern: 'a' }));
  t.false(target.validate!({ text: 'a'.repeat(257), pattern: 'a' }));
  t.false(target.validate!({ text: 'a', pattern: 'a'.repeat(17) }));
});

test('weak-hash-table: stores each distinct string once', async (t) => {
  const target = await load('weak-hash-table');
  t.is(target.fn([]), 0);
  t.is(target.fn(['ab', 'ba', 'ab', 'c']), 3);
  for (const x of samples(target)) t.is(target.fn(x), new Set(x).size);
  const worst = knownWorst['weak-hash-table'].input() as string[];
  t.is(worst.length, 128);
  t.is(new Set(worst).size, 128);
  const sums = new Set(worst.map((w) => [...w].reduce((s, c) => s + c.charCodeAt(0), 0) % 64));
  t.is(sums.size, 1);
  t.is(target.fn(worst), 128);
  t.false(target.validate!(['']));
  t.false(target.validate!(['abcdefghi']));
  t.false(target.validate!(['ab1']));
});

test('dedupe-indexof: keeps first occurrences', async (t) => {
  const target = await load('dedupe-indexof');
  t.deepEqual(target.fn([3, 1, 3, 2, 1]), [3, 1, 2]);
  for (const x of samples(target)) t.deepEqual(target.fn(x), [...new Set(x)]);
  const worst = knownWorst['dedupe-indexof'].input() as number[];
  t.is(worst.length, 512);
  t.is(new Set(worst).size, 512);
});

test('regex-nested-quantifier: matches word lists', async (t) => {
  const target = await load('regex-nested-quantifier');
  t.true(target.fn(''));
  t.true(target.fn('hello world '));
  t.true(target.fn('a_1 b2'));
  t.false(target.fn('a  b'));
  t.false(target.fn('ab!'));
  for (const x of samples(target)) t.is(target.fn(x), /^(\w+\s?)*$/.test(x));
  t.false(target.validate!('a'.repeat(29)));
  t.false(target.validate!('a\tb'));
});

test('collatz-steps: step counts', async (t) => {
  const target = await load('collatz-steps');
  const ref = (n: number): number => (n === 1 ? 0 : 1 + ref(n % 2 === 0 ? n / 2 : 3 * n + 1));
  t.is(target.fn(1), 0);
  t.is(target.fn(2), 1);
  t.is(target.fn(27), 111);
  t.is(target.fn(837_799), 524);
  for (const n of samples(target)) t.is(target.fn(n), ref(n));
  t.false(target.validate!(0));
  t.false(target.validate!(1_000_001));
  t.false(target.validate!(1.5));
});

test('gcd-euclid: greatest common divisor', async (t) => {
  const target = await load('gcd-euclid');
  const ref = (a: number, b: number): number => (b === 0 ? a : ref(b, a % b));
  t.is(target.fn([12, 18]), 6);
  t.is(target.fn([17, 5]), 1);
  t.is(target.fn([7, 7]), 7);
  t.is(target.fn([1_134_903_170, 1_836_311_903]), 1);
  for (const [a, b] of samples(target)) {
    const g = target.fn([a, b]);
    t.is(g, ref(a, b));
    t.is(a % g, 0);
    t.is(b % g, 0);
  }
  t.false(target.validate!([0, 5]));
  t.false(target.validate!([5, 2 ** 31]));
  t.false(target.validate!([5]));
});

test('bellman-ford-early-stop: distances equal Dijkstra', async (t) => {
  const target = await load('bellman-ford-early-stop');
  type G = { n: number; edges: { from: number; to: number; w: number }[] };
  const dijkstra = ({ n, edges }: G): number[] => {
    const dist = new Array<number>(n).fill(Infinity);
    const done = new Array<boolean>(n).fill(false);
    dist[0] = 0;
    for (;;) {
      let u = -1;
      for (let v = 0; v < n; v++) if (!done[v] && dist[v] < Infinity && (u === -1 || dist[v] < dist[u])) u = v;
      if (u === -1) break;
      done[u] = true;
      for (const e of edges) if (e.from === u && dist[u] + e.w < dist[e.to]) dist[e.to] = dist[u] + e.w;
    }
    return dist;
  };
  t.deepEqual(target.fn({ n: 1, edges: [] }), [0]);
  t.deepEqual(
    target.fn({ n: 3, edges: [{ from: 0, to: 2, w: 10 }, { from: 0, to: 1, w: 2 }, { from: 1, to: 2, w: 3 }] }),
    [0, 2, 5],
  );
  for (const g of samples(target) as G[]) t.deepEqual(target.fn(g), dijkstra(g));
  const worst = knownWorst['bellman-ford-early-stop'].input() as G;
  t.is(worst.n, 32);
  t.is(worst.edges.length, 64);
  t.deepEqual(target.fn(worst), [...Array(32).keys()]);
  t.false(target.validate!({ n: 33, edges: [] }));
  t.false(target.validate!({ n: 2, edges: [{ from: 0, to: 2, w: 1 }] }));
  t.false(target.validate!({ n: 2, edges: [{ from: 0, to: 1, w: -1 }] }));
  t.false(target.validate!({ n: 2, edges: new Array(65).fill({ from: 0, to: 1, w: 1 }) }));
});

test('union-find-naive: number of sets equals connected components', async (t) => {
  const target = await load('union-find-naive');
  const components = (pairs: [number, number][]): number => {
    const adj: number[][] = Array.from({ length: 128 }, () => []);
    for (const [a, b] of pairs) {
      adj[a].push(b);
      adj[b].push(a);
    }
    const seen = new Array<boolean>(128).fill(false);
    let count = 0;
    for (let s = 0; s < 128; s++) {
      if (seen[s]) continue;
      count++;
      const stack = [s];
      seen[s] = true;
      while (stack.length) for (const v of adj[stack.pop()!]) if (!seen[v]) (seen[v] = true), stack.push(v);
    }
    return count;
  };
  t.is(target.fn([]), 128);
  t.is(target.fn([[0, 1], [1, 0], [2, 2]]), 127);
  t.is(target.fn(knownWorst['union-find-naive'].input()), 1);
  for (const x of samples(target)) t.is(target.fn(x), components(x));
  t.false(target.validate!([[0, 128]]));
  t.false(target.validate!([[0]]));
});

test('stack-vm: renders and runs programs', async (t) => {
  const target = await load('stack-vm');
  const p = (...xs: [Instruction['op'], number?][]): Instruction[] => xs.map(([op, arg]) => ({ op, arg: arg ?? 0 }));
  t.is(renderProgram(p(['PUSH', 1], ['DUP'], ['JNZ', 1])), 'PUSH 1\nDUP\nJNZ 1');
  t.is(target.fn([]), 0);
  t.is(target.fn(p(['HALT'], ['PUSH', 1])), 1);
  t.is(target.fn(p(['PUSH', 1], ['DUP'], ['JNZ', 1])), 100_000);
  t.is(target.fn(knownWorst['stack-vm'].input()), 100_000);
  // countdown from 3: PUSH 3, then 3 x (PUSH 1, SUB, DUP, JNZ 1), then HALT
  t.is(target.fn(p(['PUSH', 3], ['PUSH', 1], ['SUB'], ['DUP'], ['JNZ', 1], ['HALT'], ['PUSH', 9])), 14);
  t.is(target.fn(p(['POP'], ['PUSH', 1])), 1); // underflow halts
  t.is(target.fn(p(['PUSH', 1], ['ADD'], ['PUSH', 1])), 2);
  t.is(target.fn(p(['PUSH', 1], ['SWAP'], ['PUSH', 1])), 2);
  t.is(target.fn(p(['DUP'])), 1);
  t.is(target.fn(p(['JNZ', 0])), 1);
  t.is(target.fn(p(['PUSH', 1], ['JNZ', 20], ['PUSH', 1])), 2); // jump out of range halts
  t.is(target.fn(p(['PUSH', 0], ['JNZ', 0], ['PUSH', 5])), 3); // zero falls through
  t.is(target.fn(p(['PUSH', 2], ['PUSH', 5], ['SWAP'], ['SUB'], ['JNZ', 0])), 20_000 * 5);
  for (const x of samples(target)) {
    const steps = target.fn(x) as number;
    t.true(Number.isInteger(steps) && steps >= 0 && steps <= 100_000);
  }
  t.false(target.validate!(p(['PUSH', 256])));
  t.false(target.validate!(p(['JNZ', 32])));
  t.false(target.validate!(p(['POP', 3])));
  t.false(target.validate!([{ op: 'MUL', arg: 0 }]));
  t.false(target.validate!(new Array(33).fill({ op: 'HALT', arg: 0 })));
});

test('word-frequency-sort: counts sorted by count, ties in first-appearance order', async (t) => {
  const target = await load('word-frequency-sort');
  const ref = (text: string): [string, number][] => {
    const counts = new Map<string, number>();
    for (const w of text.split(/\s+/).filter(Boolean)) counts.set(w, (counts.get(w) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  t.deepEqual(target.fn(''), []);
  t.deepEqual(target.fn('b a b\nc  a b '), [['b', 3], ['a', 2], ['c', 1]]);
  t.deepEqual(target.fn('x y z'), [['x', 1], ['y', 1], ['z', 1]]);
  for (const x of samples(target)) t.deepEqual(target.fn(x), ref(x));
  const worst = knownWorst['word-frequency-sort'].input() as string;
  t.is(worst.length, 512);
  const firstSeen = ref(worst).sort((a, b) => a[1] - b[1]); // counts increase with first appearance
  t.deepEqual(firstSeen.map(([w]) => w), [...new Set(worst.split(' '))]);
  t.deepEqual(target.fn(worst), ref(worst));
  t.false(target.validate!('Hello'));
  t.false(target.validate!('a\tb'));
  t.false(target.validate!('a'.repeat(513)));
});

test('pairs-with-sum: renders stdin text and counts pairs', async (t) => {
  const target = await load('pairs-with-sum');
  const ref = ({ k, values }: { k: number; values: number[] }): number => {
    let c = 0;
    for (let i = 0; i < values.length; i++) for (let j = i + 1; j < values.length; j++) if (values[i] + values[j] === k) c++;
    return c;
  };
  t.is(renderPairs({ k: 5, values: [1, 4, 2] }), '3 5\n1 4 2');
  t.is(renderPairs({ k: 5, values: [] }), '0 5\n');
  t.is(target.fn({ k: 5, values: [] }), 0);
  t.is(target.fn({ k: 5, values: [1, 4, 2, 3, 9, 0, 5] }), 3);
  t.is(target.fn({ k: 0, values: [0, 0, 0] }), 3);
  t.is(target.fn(knownWorst['pairs-with-sum'].input()), (200 * 199) / 2);
  for (const x of samples(target)) t.is(target.fn(x), ref(x));
  const k = 60; // small k so pairs exist
  for (const values of fc.sample(fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 50 }), { numRuns: 50, seed: 3 })) {
    t.is(target.fn({ k, values }), ref({ k, values }));
  }
  t.false(target.validate!({ k: 10_001, values: [] }));
  t.false(target.validate!({ k: 1, values: [-1] }));
  t.false(target.validate!({ k: 1, values: new Array(201).fill(0) }));
});

test('lcs-recursive-memoless: LCS length equals dynamic programming', async (t) => {
  const target = await load('lcs-recursive-memoless');
  const ref = (x: string, y: string): number => {
    const d = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
    for (let i = 1; i <= x.length; i++)
      for (let j = 1; j <= y.length; j++)
        d[i][j] = x[i - 1] === y[j - 1] ? d[i - 1][j - 1] + 1 : Math.max(d[i - 1][j], d[i][j - 1]);
    return d[x.length][y.length];
  };
  t.is(target.fn(['', 'ab']), 0);
  t.is(target.fn(['abab', 'baba']), 3);
  t.is(target.fn(['aaa', 'bbb']), 0);
  t.is(target.fn(knownWorst['lcs-recursive-memoless'].input()), 0);
  for (const [x, y] of samples(target, 40)) t.is(target.fn([x, y]), ref(x, y));
  t.false(target.validate!(['abc', 'a']));
  t.false(target.validate!(['a'.repeat(13), 'a']));
});
