/**
 * The yardstick: the known-worst input of every benchmark target at its size budget, as
 * the benchmark table describes it. The bench scores Wedge's best input against these.
 * Nothing under src/ may import this file: Wedge must find these shapes, not be told them.
 */

export interface KnownWorst {
  /** Builds the input, in the target's structured input language. */
  input: () => unknown;
  /** 'work' where the cost sits in instrumented JS, 'time' where it sits in V8 built-ins. */
  cost: 'work' | 'time';
  note: string;
}

const range = (from: number, to: number): number[] => {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
};

/** 128 distinct 8-char strings with the same char-code sum: 'aaaaa' + 3 letters whose offsets sum to 37. */
function sameBucketStrings(): string[] {
  const out: string[] = [];
  for (let x = 0; x < 26 && out.length < 128; x++) {
    for (let y = 0; y < 26 && out.length < 128; y++) {
      const z = 37 - x - y;
      if (z < 0 || z > 25) continue;
      out.push('aaaaa' + String.fromCharCode(97 + x, 97 + y, 97 + z));
    }
  }
  return out;
}

/** Words ordered cheapest first: the 26 one-letter words, then two-letter words. */
function cheapWords(count: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const out = [...letters];
  for (const p of letters) for (const q of letters) out.push(p + q);
  return out.slice(0, count);
}

/**
 * 512 chars: 87 words seen once, then 40 words seen twice, then 8 words seen three times, each
 * group first appearing after the previous one, so the counts increase with first appearance and
 * the descending insertion sort shifts 87*40 + 87*8 + 40*8 = 4496 times (the maximum over
 * count groups 1, 2, 3, ... under the budget). The most frequent words get the shortest names.
 */
function increasingCountsText(): string {
  const groups = [87, 40, 8]; // group g holds the words seen g + 1 times
  const words = cheapWords(groups.reduce((s, x) => s + x, 0));
  const byGroup: string[][] = [];
  let next = 0;
  for (let g = groups.length - 1; g >= 0; g--) {
    byGroup[g] = words.slice(next, next + groups[g]);
    next += groups[g];
  }
  const tokens: string[] = [];
  for (const group of byGroup) tokens.push(...group); // first appearances, in group order
  for (let g = 1; g < groups.length; g++) {
    for (let extra = 0; extra < g; extra++) tokens.push(...byGroup[g]);
  }
  return tokens.join(' ');
}

export const knownWorst: Record<string, KnownWorst> = {
  'insertion-sort': {
    input: () => range(0, 63).reverse(),
    cost: 'work',
    note: 'strictly decreasing, 64 elements',
  },
  'quicksort-first-pivot': {
    input: () => range(0, 127),
    cost: 'work',
    note: 'already sorted, 128 elements: every partition is empty on one side',
  },
  'bst-insert': {
    input: () => range(0, 127),
    cost: 'work',
    note: 'sorted keys, 128 of them: the tree is a path',
  },
  'bubble-sort-early-exit': {
    input: () => range(0, 63).reverse(),
    cost: 'work',
    note: 'strictly decreasing, 64 elements: no pass exits early',
  },
  'naive-substring': {
    input: () => ({ text: 'a'.repeat(256), pattern: 'a'.repeat(15) + 'b' }),
    cost: 'work',
    note: "text 'a' x 256, pattern 'a' x 15 + 'b': every alignment matches 15 chars then fails",
  },
  'weak-hash-table': {
    input: sameBucketStrings,
    cost: 'work',
    note: '128 distinct 8-char strings with equal char-code sums: all in one bucket',
  },
  'dedupe-indexof': {
    input: () => range(0, 511),
    cost: 'time',
    note: '512 distinct values: every indexOf scans the whole result',
  },
  'regex-nested-quantifier': {
    input: () => 'a'.repeat(27) + '!',
    cost: 'time',
    note: "'a' x 27 + '!': catastrophic backtracking over the ways to split the run of word chars",
  },
  'collatz-steps': {
    input: () => 837_799,
    cost: 'work',
    note: '837799 takes 524 steps, the most below 1,000,000',
  },
  'gcd-euclid': {
    input: () => [1_134_903_170, 1_836_311_903],
    cost: 'work',
    note: 'consecutive Fibonacci numbers F45, F46 (smaller first): the most remainder steps below 2^31',
  },
  'bellman-ford-early-stop': {
    input: () => {
      const edges: { from: number; to: number; w: number }[] = [];
      for (let i = 30; i >= 0; i--) edges.push({ from: i, to: i + 1, w: 1 });
      for (let i = 0; i < 33; i++) {
        const from = (i % 31) + 1;
        edges.push({ from, to: from - 1, w: 100 });
      }
      return { n: 32, edges };
    },
    cost: 'work',
    note: 'path 0->1->...->31 listed in reverse order (one node settles per pass, 31 passes) plus 33 backward edges of weight 100 that never relax',
  },
  'union-find-naive': {
    input: () => range(0, 126).map((i) => [i, i + 1]),
    cost: 'work',
    note: 'union(i, i+1) for i = 0..126: one chain of 128, so the final finds walk O(n^2) links',
  },
  'stack-vm': {
    input: () => [
      { op: 'PUSH', arg: 1 },
      { op: 'DUP', arg: 0 },
      { op: 'JNZ', arg: 1 },
    ],
    cost: 'work',
    note: 'PUSH 1, DUP, JNZ 1: loops until the 100000-step limit',
  },
  'word-frequency-sort': {
    input: increasingCountsText,
    cost: 'work',
    note: '135 distinct words (87 seen once, 40 twice, 8 three times) whose counts increase with first appearance: 4496 insertion-sort shifts in 512 chars',
  },
  'pairs-with-sum': {
    input: () => ({ k: 10_000, values: new Array<number>(200).fill(5_000) }),
    cost: 'work',
    note: 'n = 200, every value 5000 <= k = 10000: no i is skipped (and every pair counts)',
  },
  'lcs-recursive-memoless': {
    input: () => ['a'.repeat(12), 'b'.repeat(12)],
    cost: 'work',
    note: "'a' x 12 vs 'b' x 12: no common character, every call branches twice",
  },
};
