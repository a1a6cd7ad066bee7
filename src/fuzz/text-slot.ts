/**
 * Where an input keeps its long text: the whole input when it is a string, or the longest
 * string field of a record. Growth-guided pumping and regex attacks rewrite that text only,
 * leaving the rest of the input as the search made it.
 */
import { alphabet } from './mutate/memo.js';
import type { Shape } from './mutate/shape.js';

export interface TextSlot {
  get(input: unknown): string | undefined;
  set(input: unknown, text: string): unknown;
  maxLen: number;
  /** The characters the text may hold (undefined: any), as a set and as a list to pick from. */
  allowed?: ReadonlySet<string>;
  chars?: readonly string[];
}

type StringShape = Extract<Shape, { kind: 'string' }>;

/** The shape's alphabet, from the per-shape memo the mutators use. */
function allowedOf(s: StringShape): Pick<TextSlot, 'allowed' | 'chars'> {
  return s.chars.length === 0 ? {} : { allowed: alphabet(s).set, chars: s.chars };
}

export function textSlot(shape: Shape): TextSlot | undefined {
  if (shape.kind === 'string') {
    return { get: (x) => (typeof x === 'string' ? x : undefined), set: (_x, text) => text, maxLen: shape.maxLen, ...allowedOf(shape) };
  }
  if (shape.kind === 'object') {
    let best: [string, StringShape] | undefined;
    for (const [k, f] of Object.entries(shape.fields)) if (f.kind === 'string' && (!best || f.maxLen > best[1].maxLen)) best = [k, f];
    if (!best || best[1].maxLen < 16) return undefined;
    const [name, field] = best;
    return {
      get: (x) => {
        const v = x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[name] : undefined;
        return typeof v === 'string' ? v : undefined;
      },
      set: (x, text) => ({ ...(x as Record<string, unknown>), [name]: text }),
      maxLen: field.maxLen,
      ...allowedOf(field),
    };
  }
  return undefined;
}

/** Whether every char of `text` is allowed by the slot. */
export function fitsAlphabet(slot: TextSlot, text: string): boolean {
  if (!slot.allowed) return true;
  for (const c of text) if (!slot.allowed.has(c)) return false;
  return true;
}
