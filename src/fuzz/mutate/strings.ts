/** String mutators. A string is handled as an array of chars, so every op is O(length). */
import type { Rng } from '../rng.js';
import { alphabet } from './memo.js';
import * as seq from './seq.js';
import type { MutationContext, Shape } from './shape.js';

export type StringShape = Extract<Shape, { kind: 'string' }>;

type Op = (u: string[], s: StringShape, ctx: MutationContext) => string[] | undefined;

function chars(str: string, s: StringShape): string[] {
  return alphabet(s).astral ? Array.from(str) : str.split('');
}

function randomChar(s: StringShape, rng: Rng): string | undefined {
  return s.chars.length === 0 ? undefined : rng.pick(s.chars);
}

/** Only the chars of the alphabet survive: foreign text must not leave the domain. */
function filtered(str: string, s: StringShape): string[] {
  const set = alphabet(s).set;
  return chars(str, s).filter((c) => set.has(c));
}

function setAt(u: string[], i: number, c: string | undefined): string[] | undefined {
  if (c === undefined || u.length === 0) return undefined;
  const out = u.slice();
  out[i] = c;
  return out;
}

const keep = (c: string) => c;

const insertChars: Op = (u, s, { rng }) => {
  const n = rng.chance(0.5) ? 1 : rng.range(1, 8);
  const add: string[] = [];
  for (let k = 0; k < n && s.chars.length > 0; k++) add.push(rng.pick(s.chars));
  return seq.insertAt(u, s, add, rng);
};

const replaceChar: Op = (u, s, { rng }) => setAt(u, rng.int(u.length), randomChar(s, rng));

const ops: Op[] = [
  insertChars,
  (u, s, { rng }) => seq.remove(u, s, rng),
  replaceChar,
  (u, _s, { rng }) => seq.swap(u, rng),
  (u, s, { rng }) => seq.duplicateSlice(u, s, keep, rng),
  (u, s, { rng }) => seq.repeatFill(u, s.maxLen, keep, () => randomChar(s, rng), rng),
  (u, s, { rng }) => {
    const c = u.length > 0 && rng.chance(0.5) ? rng.pick(u) : randomChar(s, rng);
    return u.length === 0 || c === undefined ? undefined : new Array<string>(u.length).fill(c);
  },
  (u, _s, { rng }) => seq.shuffle(u, rng),
  (u) => seq.reverse(u),
  (u, s, { rng }) => setAt(u, rng.chance(0.5) ? 0 : u.length - 1, randomChar(s, rng)),
  (u, s, { rng, dictionary }) => {
    if (dictionary.strings.length === 0) return undefined;
    const token = filtered(rng.pick(dictionary.strings), s);
    if (token.length === 0) return undefined;
    if (rng.chance(0.5) || u.length === 0) return seq.insertAt(u, s, token, rng);
    const at = rng.int(u.length);
    return [...u.slice(0, at), ...token, ...u.slice(at + token.length)];
  },
  (_u, s, { rng }) => (s.pool.length > 0 ? chars(rng.pick(s.pool), s) : undefined),
  (u, s, { rng, donor }) => (typeof donor === 'string' ? seq.crossover(u, filtered(donor, s), s, rng) : undefined),
];

export function mutateString(str: string, s: StringShape, ctx: MutationContext): string {
  const u = chars(str, s);
  for (let tries = 0; tries < 8; tries++) {
    const out = ctx.rng.pick(ops)(u, s, ctx);
    if (out) return seq.fitLength(out, s, () => randomChar(s, ctx.rng)).join('');
  }
  return str;
}

/** A one-char change, for "make distinct". */
export function nudgeString(str: string, s: StringShape, ctx: MutationContext): string {
  const u = chars(str, s);
  const out = (u.length > 0 && ctx.rng.chance(0.5) ? replaceChar : insertChars)(u, s, ctx);
  return out ? seq.fitLength(out, s, () => randomChar(s, ctx.rng)).join('') : mutateString(str, s, ctx);
}
