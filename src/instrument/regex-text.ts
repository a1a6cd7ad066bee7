/**
 * The characters and literal runs a regular expression pattern mentions: what the code tests
 * its input for, so a general-purpose string input may be given them (a `\f` ending a run of
 * spaces, a `<!--` inside an attribute). A plain reader of the pattern, not a full parser: it
 * only has to find characters, and an odd construct just yields fewer of them.
 */

/** What `\s` matches, as far as it matters to inputs: ASCII whitespace and the usual others. */
const SPACE = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u2028', '\u2029', '\ufeff'];
const CLASS_ESCAPES: Record<string, string[]> = { s: SPACE, S: ['x'], d: ['0', '9'], D: ['x'], w: ['a', 'Z', '_', '0'], W: ['-', ' '], b: [], B: [] };
const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', v: '\v', f: '\f', '0': '\0' };
const META = new Set(['^', '$', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|']);

export interface RegexText {
  /** Every character the pattern names (literals, class members, range ends, escapes). */
  chars: string[];
  /** Runs of two or more literal characters (e.g. `<!--`, `rgb(`). */
  tokens: string[];
}

/** Reads one escape at `i` (just after the backslash): the characters it stands for and the next index. */
function escape(p: string, i: number): [string[], number] {
  const c = p[i];
  if (c === undefined) return [[], i];
  if (c in CLASS_ESCAPES) return [CLASS_ESCAPES[c]!, i + 1];
  if (c in CONTROL) return [[CONTROL[c]!], i + 1];
  if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(p.slice(i + 1, i + 3))) return [[String.fromCharCode(parseInt(p.slice(i + 1, i + 3), 16))], i + 3];
  if (c === 'u') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(p.slice(i + 1));
    if (braced) return [[String.fromCodePoint(Math.min(0x10ffff, parseInt(braced[1]!, 16)))], i + 1 + braced[0].length];
    if (/^[0-9a-fA-F]{4}$/.test(p.slice(i + 1, i + 5))) return [[String.fromCharCode(parseInt(p.slice(i + 1, i + 5), 16))], i + 5];
  }
  if (c === 'c' && /[a-zA-Z]/.test(p[i + 1] ?? '')) return [[String.fromCharCode(p.charCodeAt(i + 1) % 32)], i + 2];
  if ((c === 'p' || c === 'P' || c === 'k') && p[i + 1] === '{') {
    const end = p.indexOf('}', i);
    return [[], end < 0 ? p.length : end + 1];
  }
  if (/[1-9]/.test(c)) return [[], i + 1]; // a back-reference
  return [[c], i + 1];
}

/** Reads a character class from `i` (just after `[`); returns its characters and the index after `]`. */
function charClass(p: string, i: number): [string[], number] {
  const out: string[] = [];
  if (p[i] === '^') i++;
  let prev: string | undefined;
  while (i < p.length && p[i] !== ']') {
    let cs: string[];
    if (p[i] === '\\') [cs, i] = escape(p, i + 1);
    else cs = [p[i++]!];
    if (p[i] === '-' && p[i + 1] !== ']' && cs.length === 1 && i + 1 < p.length) {
      // A range: its ends, and every member of a short one.
      let hi: string[];
      if (p[i + 1] === '\\') [hi, i] = escape(p, i + 2);
      else hi = [p[i + 1]!], (i += 2);
      const a = cs[0]!.codePointAt(0)!;
      const b = hi[0]?.codePointAt(0) ?? a;
      if (b - a <= 16) for (let k = a; k <= b; k++) out.push(String.fromCodePoint(k));
      else out.push(cs[0]!, String.fromCodePoint(b));
      prev = undefined;
      continue;
    }
    out.push(...cs);
    prev = cs[0];
  }
  void prev;
  return [out, i + 1];
}

export function regexText(pattern: string): RegexText {
  const chars = new Set<string>();
  const tokens = new Set<string>();
  let run = '';
  const endRun = () => {
    if (run.length >= 2) tokens.add(run.slice(0, 32));
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const [cs, next] = escape(pattern, i + 1);
      for (const x of cs) chars.add(x);
      const literal = cs.length === 1 && !(pattern[i + 1]! in CLASS_ESCAPES);
      if (literal) run += cs[0];
      else endRun();
      i = next;
    } else if (c === '[') {
      const [cs, next] = charClass(pattern, i + 1);
      for (const x of cs) chars.add(x);
      endRun();
      i = next;
    } else if (c === '(' && pattern[i + 1] === '?') {
      // Group modifiers (?: ?= ?! ?<= ?<! ?<name>) are syntax, not text.
      endRun();
      const named = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(pattern.slice(i));
      i += named ? named[0].length : pattern[i + 2] === '<' ? 4 : 3;
    } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i))) {
      // A quantifier: the char before it is repeated, so it ends the run without its last char.
      run = run.slice(0, -1);
      endRun();
      i = pattern.indexOf('}', i) + 1;
    } else if (META.has(c)) {
      if (c === '*' || c === '+' || c === '?') run = run.slice(0, -1);
      else if (c !== '.' && c !== '^' && c !== '$' && c !== '|' && c !== '(' && c !== ')') chars.add(c);
      endRun();
      i++;
    } else {
      chars.add(c);
      run += c;
      i++;
    }
  }
  endRun();
  return { chars: [...chars], tokens: [...tokens] };
}
