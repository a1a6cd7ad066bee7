/**
 * Where an attack goes: a traced run tells which string a watched regex ran on; when that
 * string (or its trimmed or lower-cased form, or its start) is a piece of the input's text,
 * the attack replaces it, or goes right before or after it. What surrounds it in the input is
 * what carried it to the regex (a tag and attribute, a header name, text after a separator).
 */
import type { Pattern } from './growth-search.js';
import type { RegexHint } from './regex-hints.js';
import type { Rng } from './rng.js';

/** Context kept before the attack at most: the probes run at a few thousand characters. */
const MAX_BEFORE = 1024;
/** Context kept after the attack at most. */
const MAX_AFTER = 256;
/** Patterns made per located argument. */
const VARIANTS = 3;

/** Where `arg` sits in `text`: its offset and the length of the matched piece. */
export function locate(text: string, arg: string): { at: number; len: number } | undefined {
  if (arg.length === 0) return undefined;
  const direct = text.indexOf(arg);
  if (direct >= 0) return { at: direct, len: arg.length };
  const trimmed = arg.trim();
  if (trimmed.length > 0 && trimmed !== arg) {
    const at = text.indexOf(trimmed);
    if (at >= 0) return { at, len: trimmed.length };
  }
  const lower = text.toLowerCase().indexOf(arg.toLowerCase());
  if (lower >= 0) return { at: lower, len: arg.length };
  // The code may have cut or changed the rest: its first characters still say where it began.
  const head = trimmed.slice(0, 16);
  if (head.length >= 4) {
    const at = text.indexOf(head);
    if (at >= 0) return { at, len: head.length };
  }
  return undefined;
}

/**
 * Patterns that put the hint's first pump where `arg` sits in `text`: replacing it, before
 * it or after it; `edge()` gives a character (or nothing) to put just before and after the attack.
 */
export function contextPatterns(text: string, arg: string, h: RegexHint, edge: () => string, rng: Rng): Pattern[] {
  const first = h.pumps[0];
  const where = locate(text, arg);
  if (!first || first.pump.length === 0 || !where || where.at > MAX_BEFORE) return [];
  const rest = h.pumps.slice(1).map((p) => p.prefix + p.pump).join('') + h.suffix;
  const out: Pattern[] = [];
  for (let k = 0; k < VARIANTS; k++) {
    const mode = k === 0 ? 0 : rng.int(3);
    // 0: in place of the argument; 1: before it; 2: after it.
    const cut = mode === 2 ? where.at + where.len : where.at;
    const resume = mode === 0 ? where.at + where.len : cut;
    if (cut > MAX_BEFORE) continue;
    out.push({
      prefix: text.slice(0, cut) + edge() + first.prefix,
      unit: first.pump,
      suffix: rest + edge() + text.slice(resume, resume + MAX_AFTER),
    });
  }
  return out;
}

/** Replacements made per traced lookup: places where the piece sits × constants to put there. */
const LOOKUP_PLACES = 2;
const LOOKUP_WANTS = 2;

/**
 * Texts with a piece the code looked up among constants (`tags.indexOf(name)`) replaced by
 * some of those constants, at one or two of the places the piece occurs.
 */
export function lookupReplacements(text: string, arg: string, want: readonly string[], rng: Rng): string[] {
  const places = placesOf(text, arg);
  if (places.length === 0) return [];
  const out: string[] = [];
  for (let p = 0; p < LOOKUP_PLACES && p < places.length; p++) {
    const at = places.length === 1 ? places[0]! : rng.pick(places);
    for (let w = 0; w < LOOKUP_WANTS; w++) {
      const v = rng.pick(want);
      out.push(text.slice(0, at) + v + text.slice(at + arg.length));
    }
  }
  return out;
}

/** Constants tried in one enumeration at most. */
const MAX_ENUMERATED = 256;

/**
 * Every constant of a lookup in place of the piece, at one place: where the piece stands as a
 * token of its own if it does (the `x` of `<x y=1>`, not an `x` inside a word). A list looked
 * through once (the allowed tags, then the allowed attributes of the one tag that has some) is
 * worth trying whole: the one constant that opens the next branch is rarely drawn at random.
 */
export function lookupEnumeration(text: string, arg: string, want: readonly string[], rng: Rng): string[] {
  const places = placesOf(text, arg);
  if (places.length === 0) return [];
  const word = /[\p{L}\p{N}_-]/u;
  const standalone = places.filter((at) => !word.test(text[at - 1] ?? '') && !word.test(text[at + arg.length] ?? ''));
  const at = rng.pick(standalone.length > 0 ? standalone : places);
  return [...new Set(want)].slice(0, MAX_ENUMERATED).map((v) => text.slice(0, at) + v + text.slice(at + arg.length));
}

/**
 * Where a looked-up piece occurs in the text (64 places at most): as it is, or else in another
 * case (parsers lower-case tag and attribute names before looking them up).
 */
export function placesOf(text: string, arg: string): number[] {
  const find = (hay: string, needle: string) => {
    const out: number[] = [];
    for (let at = hay.indexOf(needle); at >= 0 && out.length < 64; at = hay.indexOf(needle, at + 1)) out.push(at);
    return out;
  };
  if (arg.length === 0) return [];
  const direct = find(text, arg);
  if (direct.length > 0) return direct;
  const lower = text.toLowerCase();
  // Offsets in the lower-cased text are the text's own only when lower-casing kept every length.
  return lower.length === text.length ? find(lower, arg.toLowerCase()) : [];
}
