/**
 * General text is open text: a string arbitrary that draws from a general-purpose alphabet
 * (fast-check's string units: printable ASCII and wider) says "any text", so the characters
 * the instrumented source tests for (`\n`, `\f`, ESC, quotes, brackets) join its alphabet. A
 * narrow alphabet (`constantFrom`, `stringMatching`, hex digits, a-z) is a domain and stays
 * closed. A target pins either with `alphabet: 'open' | 'closed'`.
 */
import type { Shape } from './shape.js';

/** Fewer distinct sampled chars than this reads as a chosen alphabet (hex: 16, a-z: 26, base64: 64 is open). */
const GENERAL_MIN_CHARS = 40;

export type AlphabetPolicy = 'open' | 'closed' | 'auto';

export interface OpenedAlphabet {
  shape: Shape;
  /** The characters added from the source (empty when every string shape stayed closed). */
  added: string[];
}

/** The shape with every general-purpose string alphabet extended by `sourceChars`. */
export function openAlphabets(shape: Shape, sourceChars: Iterable<string>, policy: AlphabetPolicy = 'auto'): OpenedAlphabet {
  const extra = [...new Set(sourceChars)].filter((c) => c.length > 0);
  const added = new Set<string>();
  const visit = (s: Shape): Shape => {
    switch (s.kind) {
      case 'string': {
        const open = policy === 'open' || (policy === 'auto' && s.chars.length >= GENERAL_MIN_CHARS);
        if (!open) return s;
        const have = new Set(s.chars);
        const more = extra.filter((c) => !have.has(c));
        if (more.length === 0) return s;
        for (const c of more) added.add(c);
        return { ...s, chars: [...s.chars, ...more].sort() };
      }
      case 'array':
        return { ...s, item: visit(s.item), ...(s.tuple ? { tuple: s.tuple.map(visit) } : {}) };
      case 'object': {
        const fields: Record<string, Shape> = Object.create(null);
        for (const [k, f] of Object.entries(s.fields)) fields[k] = visit(f);
        return { ...s, fields };
      }
      case 'other':
        return s.variants ? { ...s, variants: s.variants.map(visit) } : s;
      default:
        return s;
    }
  };
  const out = visit(shape);
  return { shape: out, added: [...added].sort() };
}
