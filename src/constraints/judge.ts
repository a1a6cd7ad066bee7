import type { ExecReport } from '../fuzz/protocol.js';
import { median } from '../core/stats.js';
import type { Evidence } from './format.js';

export interface Verdict {
  status: 'kept' | 'dropped';
  reason?: string;
  evidence: Evidence;
  /**
   * How well the constraint's count ranks slow inputs above typical ones: the chance that a
   * random slow input makes it true more often than a random typical one (ties count half).
   */
  separation: number;
}

/** Median cost of satisfying inputs must beat the others' by this factor. */
const MIN_WORK_GAIN = 1.05;
/** Fewer satisfying inputs than this is too little evidence to keep a constraint on. */
const MIN_SATISFYING = 3;

/**
 * What "more costly" means for a constraint: work (exact), or median wall time where the cost
 * sits inside a built-in (indexOf, RegExp...) that no probe sees.
 */
export type Cost = 'work' | 'time';

/**
 * Judges one constraint on the validation inputs (`reports[0..typical)` typical, the rest slow;
 * `sizes` their sizes): dropped when it is never true, true on every input, or not associated
 * with higher cost (work, or wall time for costs inside built-ins) than typical inputs of the same
 * size have.
 */
export function judge(id: string, reports: ExecReport[], typical: number, sizes: number[], cost: Cost = 'work'): Verdict {
  const hits = reports.map((r) => r.constraints?.[id]?.hits ?? 0);
  const guardErrors = reports.reduce((a, r) => a + (r.constraints?.[id]?.errors ?? 0), 0);
  const yes = reports.filter((_, i) => hits[i]! > 0).map((r) => r.work);
  const no = reports.filter((_, i) => hits[i]! === 0).map((r) => r.work);
  const evidence: Evidence = {
    inputs: reports.length,
    satisfying: yes.length,
    medianWorkSatisfying: yes.length ? median(yes) : null,
    medianWorkOther: no.length ? median(no) : null,
    guardErrors,
  };
  if (cost === 'time') {
    const time = (r: ExecReport) => (r.timesMs.length ? median(r.timesMs) : 0);
    const t = (rs: ExecReport[]) => (rs.length ? Number(median(rs.map(time)).toPrecision(3)) : null);
    evidence.medianTimeMsSatisfying = t(reports.filter((_, i) => hits[i]! > 0));
    evidence.medianTimeMsOther = t(reports.filter((_, i) => hits[i]! === 0));
  }
  const separation = rankSeparation(hits.slice(typical), hits.slice(0, typical));
  const n = `${reports.length} validation inputs (${typical} typical, ${reports.length - typical} slow)`;
  const drop = (reason: string): Verdict => ({ status: 'dropped', reason, evidence, separation });
  if (yes.length === 0) return drop(`never true on the ${n}${guardErrors ? `; its guard caught ${guardErrors} exceptions` : ''}`);
  // A guard error is a read, call or conversion refused (it could run program code) or a throw:
  // on most inputs, what the constraint says about the rest is not to be trusted.
  const erring = reports.filter((r) => (r.constraints?.[id]?.errors ?? 0) > 0).length;
  if (erring * 2 > reports.length) return drop(`errs on ${erring} of the ${n} (${guardErrors} evaluations refused by its guard or thrown): it cannot be judged`);
  if (no.length === 0) return drop(`true on every one of the ${n}: it does not tell slow inputs from typical ones`);
  if (yes.length < MIN_SATISFYING) return drop(`true on only ${yes.length} of the ${n}: too few to tell`);
  // Cost grows with size, so a condition that only tells big inputs from small ones would look
  // associated with cost: compare each input's cost with what typical inputs of its size cost.
  const costs = reports.map((r) => (cost === 'work' ? r.work : r.timesMs.length ? median(r.timesMs) : 0));
  const rel = relativeToSize(costs, sizes, typical);
  const relYes = median(rel.filter((_, i) => hits[i]! > 0));
  const relNo = median(rel.filter((_, i) => hits[i]! === 0));
  if (relYes <= MIN_WORK_GAIN * relNo) {
    const what = cost === 'work' ? 'work' : 'wall time';
    return drop(
      `not associated with higher ${what} for the input size: median ${relYes.toFixed(2)}× the typical ${what} at that size when true vs ${relNo.toFixed(2)}× when not (overall work ${fmt(evidence.medianWorkSatisfying!)} vs ${fmt(evidence.medianWorkOther!)})`,
    );
  }
  const twin = cost === 'work' ? redundantWith(hits, reports) : undefined;
  if (twin) {
    return drop(
      `adds no feedback: on every validation input its count only grows with the counter of ${twin}, whose new maxima the search already rewards`,
    );
  }
  return { status: 'kept', evidence, separation };
}

/**
 * A program probe whose counter orders the inputs the way the constraint's count does (equal
 * counters, equal counts; a higher counter, a count no lower). Then each first hit and new
 * maximum of the constraint comes with a new maximum of that counter, which per-probe feedback
 * already keeps: the constraint would cost time in the target and find nothing more. A loop
 * that runs once per call with `$trips > k` is the common case.
 */
function redundantWith(hits: number[], reports: ExecReport[]): string | undefined {
  const probes = reports[0]?.programProbes;
  if (!probes) return undefined;
  for (const [key, where] of Object.entries(probes)) {
    const p = Number(key);
    if (onlyGrowsWith(hits, reports.map((r) => r.counters[p] ?? 0))) return where;
  }
  return undefined;
}

/**
 * Whether `count` only grows with `by` over the same inputs: equal `by`, equal count; a higher
 * `by`, a count no lower. Then a new maximum of `count` always comes with a new maximum of `by`.
 */
export function onlyGrowsWith(count: number[], by: number[]): boolean {
  const order = count.map((_, i) => i).sort((a, b) => by[a]! - by[b]!);
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1]!;
    const b = order[k]!;
    if (by[a] === by[b] ? count[a] !== count[b] : count[a]! > count[b]!) return false;
  }
  return true;
}

/**
 * Each input's cost divided by what typical inputs of its size cost, from a power law
 * (log cost = a + b log size) fitted to the typical inputs; b = 0 when their sizes are all equal.
 */
function relativeToSize(costs: number[], sizes: number[], typical: number): number[] {
  const x = sizes.slice(0, typical).map((s) => Math.log(s + 1));
  const y = costs.slice(0, typical).map((c) => Math.log(c + 1));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  const slope = sxx > 1e-9 ? sxy / sxx : 0;
  return costs.map((c, i) => (c + 1) / Math.exp(my + slope * (Math.log(sizes[i]! + 1) - mx)));
}

function rankSeparation(slow: number[], typical: number[]): number {
  if (slow.length === 0 || typical.length === 0) return 0.5;
  let wins = 0;
  for (const s of slow) for (const t of typical) wins += s > t ? 1 : s === t ? 0.5 : 0;
  return wins / (slow.length * typical.length);
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
