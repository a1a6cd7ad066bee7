import type { ExtraProbes } from '../instrument/install.js';
import { median } from '../core/stats.js';

/** How one constraint fared in a campaign, over the inputs the campaign kept. */
export interface ConstraintStat {
  id: string;
  expr: string;
  /** file:line of its anchor, for display. */
  location: string;
  reached: boolean;
  /** When the first input that made it true was found (ms since the campaign started). */
  firstReachedMs: number | null;
  /** Kept inputs that made it true at least once, and how many were kept in all. */
  inputsSatisfying: number;
  inputs: number;
  medianWorkSatisfying: number | null;
  medianWorkOther: number | null;
  /**
   * Evaluations of the constraint that its guard refused (it would have run program code) or
   * that threw, over kept inputs replayed after the search; set by the command that ran it.
   */
  guardErrors?: { errors: number; inputsErring: number; inputsChecked: number };
}

/**
 * Per-constraint figures from the kept inputs: a constraint probe's first hit is always kept
 * (it is a new probe), so "first reached" is exact; the medians describe the kept set.
 */
export function constraintStats(extras: ExtraProbes, kept: { work: number; foundAtMs: number; satisfies?: string[] }[]): ConstraintStat[] {
  const out: ConstraintStat[] = [];
  for (const probes of Object.values(extras)) {
    for (const p of probes) {
      if (p.kind !== 'constraint') continue;
      const yes = kept.filter((k) => k.satisfies?.includes(p.id));
      const no = kept.filter((k) => !k.satisfies?.includes(p.id));
      out.push({
        id: p.id,
        expr: p.expr,
        location: `${p.anchor.file}:${p.anchor.line}`,
        reached: yes.length > 0,
        firstReachedMs: yes.length ? Math.min(...yes.map((k) => k.foundAtMs)) : null,
        inputsSatisfying: yes.length,
        inputs: kept.length,
        medianWorkSatisfying: yes.length ? median(yes.map((k) => k.work)) : null,
        medianWorkOther: no.length ? median(no.map((k) => k.work)) : null,
      });
    }
  }
  return out;
}
