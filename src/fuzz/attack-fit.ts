/**
 * Regex attacks made to fit an input: the checker's characters mapped into the input's
 * alphabet, and a check that a mapped attack still does what it was for.
 */
import type { RegexHint } from './regex-hints.js';
import type { TextSlot } from './text-slot.js';

/**
 * Whether a short version of the attack still fails to match its pattern, as the checker's
 * attacks do (the backtracking they cause is the search for a match that is not there).
 * Unknown (a pattern this engine rejects) counts as failing.
 */
export function stillFails(h: RegexHint): boolean {
  let re: RegExp;
  try {
    re = new RegExp(h.source, h.flags.replace(/[gy]/g, ''));
  } catch {
    return true;
  }
  const short = h.pumps.map((p) => p.prefix + p.pump.repeat(SHORT_PUMPS)).join('') + h.suffix;
  return !re.test(short);
}
/** Pump repeats in that check: enough to show the shape, few enough to stay fast on exponential patterns. */
const SHORT_PUMPS = 6;

/** Every character an attack uses. */
export function hintText(h: RegexHint): string {
  return h.pumps.map((p) => p.prefix + p.pump).join('') + h.suffix;
}

/** The attack with each character outside the slot's alphabet mapped to one inside it (the same one throughout). */
export function fitHint(h: RegexHint, slot: TextSlot, pick: () => string | undefined): RegexHint {
  const map = new Map<string, string>();
  const fit = (text: string) => {
    let out = '';
    for (const c of text) {
      if (!slot.allowed || slot.allowed.has(c)) {
        out += c;
        continue;
      }
      let m = map.get(c);
      if (m === undefined) {
        m = pick() ?? '';
        map.set(c, m);
      }
      out += m;
    }
    return out;
  };
  return { ...h, pumps: h.pumps.map((p) => ({ prefix: fit(p.prefix), pump: fit(p.pump) })), suffix: fit(h.suffix) };
}
