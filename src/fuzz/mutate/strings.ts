/** String mutators, over the chars of the shape's alphabet. */
import type { Rng } from '../rng.js';
import { alphabet } from './memo.js';
import * as seq from './seq.js';
import type { MutationContext, Shape } from './shape.js';

export type StringShape = Extract<Shape, { kind: 'string' }>;

/** A representation of strings for the sequence ops. */
interface Text<S> extends seq.Seq<S, string> {
  parse(str: string): S;
  str(s: S): string;
}

/** Alphabets within one UTF-16 unit: a char is a code unit, and the string stays a string. */
const flat: Text<string> = {
  parse: (str) => str,
  str: (s) => s,
  len: (s) => s.length,
  slice: (s, i, j) => s.slice(i, j),
  cat: (...parts) => parts.reduce((a, b) => a + b, ''),
  at: (s, i) => s[i]!,
  of: (items) => items.join(''),
  items: (s) => s.split(''),
  copy: (s) => s,
  repeat: (s, n) => s.repeat(n),
};

/** Alphabets with surrogate pairs: a char is a code point, held in an array. */
const points: Text<string[]> = {
  parse: (str) => Array.from(str),
  str: (s) => s.join(''),
  len: (s) => s.length,
  slice: (s, i, j) => s.slice(i, j),
  cat: (...parts) => ([] as string[]).concat(...parts),
  at: (s, i) => s[i]!,
  of: (items) => items,
  items: (s) => s.slice(),
  copy: (s) => s,
  repeat: (s, n) => {
    const out: string[] = [];
    for (let k = 0; k < n; k++) for (const c of s) out.push(c);
    return out;
  },
};

type Op = <S>(q: Text<S>, u: S, s: StringShape, ctx: MutationContext) => S | undefined;

function randomChar(s: StringShape, rng: Rng): string | undefined {
  return s.chars.length === 0 ? undefined : rng.pick(s.chars);
}

/** Only the chars of the alphabet survive: foreign text must not leave the domain. */
function filtered(str: string, s: StringShape): string[] {
  const set = alphabet(s).set;
  const out: string[] = [];
  for (const c of str) if (set.has(c)) out.push(c);
  return out;
}

function randomChars(s: StringShape, rng: Rng): string[] {
  const n = rng.chance(0.5) ? 1 : rng.range(1, 8);
  const out: string[] = [];
  for (let k = 0; k < n && s.chars.length > 0; k++) out.push(rng.pick(s.chars));
  return out;
}

const insertChars: Op = (q, u, s, { rng }) => seq.insertAt(q, u, s, q.of(randomChars(s, rng)), rng);

const replaceChar: Op = (q, u, s, { rng }) => {
  const c = randomChar(s, rng);
  return q.len(u) === 0 || c === undefined ? undefined : seq.setAt(q, u, rng.int(q.len(u)), c);
};

/**
 * A run of one source token (or one char) repeated to fill much of the room left, inserted at a
 * random place: `{{{{…`, `&&&&…`, `<!--<!--…` are the shapes that make scanners and
 * backtracking regexes go quadratic, and the insert keeps the context around them.
 */
const pumpToken: Op = (q, u, s, { rng, dictionary }) => {
  const n = q.len(u);
  const room = s.maxLen - n;
  if (room < 2) return undefined;
  const fromSource = dictionary.strings.length > 0 && rng.chance(0.5);
  const unit = fromSource ? q.of(filtered(rng.pick(dictionary.strings), s)) : n > 0 && rng.chance(0.5) ? q.slice(u, rng.int(n), undefined) : undefined;
  const token = unit === undefined ? q.of(randomChars(s, rng).slice(0, 1)) : q.slice(unit, 0, rng.range(1, Math.min(8, q.len(unit))));
  const len = q.len(token);
  if (len === 0) return undefined;
  const share = rng.chance(0.5) ? 1 : rng.float();
  const count = Math.max(1, Math.floor((room * share) / len));
  return seq.insertAt(q, u, s, q.repeat(token, count), rng);
};

const ops: Op[] = [
  insertChars,
  (q, u, s, { rng }) => seq.remove(q, u, s, rng),
  replaceChar,
  (q, u, _s, { rng }) => seq.swap(q, u, rng),
  (q, u, s, { rng }) => seq.duplicateSlice(q, u, s, rng),
  (q, u, s, { rng }) => seq.repeatFill(q, u, s.maxLen, () => randomChar(s, rng), rng),
  (q, u, s, { rng }) => {
    // All one char: of the string itself or of the alphabet.
    const n = q.len(u);
    const c = n > 0 && rng.chance(0.5) ? q.at(u, rng.int(n)) : randomChar(s, rng);
    return n === 0 || c === undefined ? undefined : q.repeat(q.of([c]), n);
  },
  (q, u, _s, { rng }) => seq.shuffle(q, u, rng),
  (q, u) => seq.reverse(q, u),
  (q, u, s, { rng }) => {
    const c = randomChar(s, rng);
    const n = q.len(u);
    return n === 0 || c === undefined ? undefined : seq.setAt(q, u, rng.chance(0.5) ? 0 : n - 1, c);
  },
  (q, u, s, { rng, dictionary }) => {
    if (dictionary.strings.length === 0) return undefined;
    const token = q.of(filtered(rng.pick(dictionary.strings), s));
    const n = q.len(u);
    if (q.len(token) === 0) return undefined;
    if (n === 0 || rng.chance(0.5)) return seq.insertAt(q, u, s, token, rng);
    const at = rng.int(n); // overwrite
    return q.cat(q.slice(u, 0, at), token, q.slice(u, at + q.len(token)));
  },
  pumpToken,
  (q, _u, s, { rng }) => (s.pool.length > 0 ? q.parse(rng.pick(s.pool)) : undefined),
  (q, u, s, { rng, donor }) => {
    if (typeof donor !== 'string') return undefined;
    // A slice of the donor first (cheap on a flat string), then filtered to the alphabet.
    const d = q.parse(donor);
    if (q.len(d) === 0) return undefined;
    const [i, j] = seq.randomSlice(rng, q.len(d));
    return seq.crossover(q, u, q.of(filtered(q.str(q.slice(d, i, j)), s)), s, rng);
  },
];

function apply<S>(q: Text<S>, str: string, s: StringShape, ctx: MutationContext, choose: () => Op): string | undefined {
  const u = q.parse(str);
  for (let tries = 0; tries < 8; tries++) {
    const out = choose()(q, u, s, ctx);
    if (out !== undefined) return q.str(seq.fitLength(q, out, s, () => randomChar(s, ctx.rng)));
  }
  return undefined;
}

function run(str: string, s: StringShape, ctx: MutationContext, choose: () => Op): string | undefined {
  return alphabet(s).astral ? apply(points, str, s, ctx, choose) : apply(flat, str, s, ctx, choose);
}

export function mutateString(str: string, s: StringShape, ctx: MutationContext): string {
  return run(str, s, ctx, () => ctx.rng.pick(ops)) ?? str;
}

/** A one-char change, for "make distinct". */
export function nudgeString(str: string, s: StringShape, ctx: MutationContext): string {
  return run(str, s, ctx, () => (str.length > 0 && ctx.rng.chance(0.5) ? replaceChar : insertChars)) ?? mutateString(str, s, ctx);
}
