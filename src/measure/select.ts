import type { CostedInput } from '../core/costed-input.js';

/** An input offered to verification (a campaign's Kept or report.json's top), with its time as the search saw it. */
export interface Candidate extends CostedInput {
  timeMs: number;
  /** A hang: the search stopped its execution after this long, so its time is at least this. */
  hangMs?: number;
}

export interface Selection {
  picked: Candidate[];
  /** Size group of each picked candidate (index into `anchors`). */
  groupOf: number[];
  /** The size a group's baseline is drawn at: its first (best-ranked) member's size. */
  anchors: number[];
}

/** Sizes within this factor of a group's anchor share its baseline. */
export const SIZE_BAND = 0.95;
/** Hangs verified at most: each may cost a process stopped at its limit. */
export const MAX_HANGS = 2;

/**
 * The top `n` candidates by work (ties by time), the slowest by time among them even if its
 * work ranks lower (where the cost sits in built-ins, work does not rank it), and before all of
 * them up to MAX_HANGS hangs, the slowest inputs of all (a time no less than the limit that
 * stopped them; their work is unknown). Candidates fall
 * into at most `maxGroups` size groups, sizes within 5% of a group's anchor: each group costs
 * a baseline of random inputs timed one by one, so a finding that would open one more group is
 * passed over for the next in rank.
 */
export function selectFindings(candidates: readonly Candidate[], o: { n: number; size: (x: unknown) => number; maxGroups: number }): Selection {
  const hangs = candidates.filter((c) => c.hangMs !== undefined).slice(0, MAX_HANGS);
  const rest = candidates.filter((c) => c.hangMs === undefined);
  const byWork = [...rest].sort((a, b) => b.work - a.work || b.timeMs - a.timeMs);
  const slowest = [...rest].sort((a, b) => b.timeMs - a.timeMs)[0];
  const m = o.n - hangs.length;
  const ranked =
    slowest && m > 0 && !byWork.slice(0, m).includes(slowest)
      ? [...byWork.slice(0, m - 1), slowest, ...byWork.slice(m - 1).filter((c) => c !== slowest)]
      : byWork;
  const order = [...hangs, ...ranked];
  const out: Selection = { picked: [], groupOf: [], anchors: [] };
  for (const c of order) {
    if (out.picked.length >= o.n) break;
    const s = o.size(c.input);
    let g = out.anchors.findIndex((a) => s >= a * SIZE_BAND && s * SIZE_BAND <= a);
    if (g < 0) {
      if (out.anchors.length >= o.maxGroups) continue;
      out.anchors.push(s);
      g = out.anchors.length - 1;
    }
    out.picked.push(c);
    out.groupOf.push(g);
  }
  return out;
}
