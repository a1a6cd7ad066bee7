import { jsonLeaves, mapJson } from './json-map.js';

/** Cost of each input (work, or median time for time-bound findings); higher is slower. */
export type CostOf = (inputs: unknown[]) => Promise<number[]>;

export interface MinimizeOptions {
  /** The cost a candidate must keep, as a fraction of the original's. */
  keep: number;
  /** Upper bound on candidate executions. */
  maxExecutions: number;
  /** Precondition and size check: a candidate failing it is never run. */
  accept: (candidate: unknown) => boolean;
  /**
   * A time (as Date.now()) after which no further candidate is tried: minimization stops there
   * and returns the best input so far (the original when none was adopted). The original's own
   * cost is always measured.
   */
  deadline?: number;
}

export interface Minimized {
  input: unknown;
  cost: number;
  originalCost: number;
  /** cost / originalCost. */
  kept: number;
  executions: number;
  /** What was changed, in order, for the report. */
  steps: string[];
}

/** The most distinct numbers tried one by one; beyond it only the joint renumbering applies. */
const MAX_VALUES = 64;

/**
 * Makes a finding readable without losing its cost: renumbers its numbers by rank (keeps every
 * comparison), moves each number toward 0 and fewer digits, and maps each rare character onto
 * one already frequent, accepting a change only if the cost stays at least `keep` of the
 * original's. Greedy and deterministic (up to where a `deadline` stops it); at most
 * `maxExecutions` candidates are run, none past `deadline`.
 */
export async function minimize(original: unknown, costOf: CostOf, o: MinimizeOptions): Promise<Minimized> {
  const [originalCost] = await costOf([original]);
  let executions = 1;
  let current = original;
  let cost = originalCost!;
  const steps: string[] = [];
  const floor = o.keep * originalCost!;
  const key = (x: unknown) => JSON.stringify(x);
  const tried = new Set<string>([key(original)]);

  /** Runs the candidate if it is new and allowed; adopts it if it keeps the cost. */
  const attempt = async (candidate: unknown, step: string): Promise<boolean> => {
    if (o.deadline !== undefined && Date.now() >= o.deadline) return false;
    const k = key(candidate);
    if (executions >= o.maxExecutions || tried.has(k)) return false;
    tried.add(k);
    if (!o.accept(candidate)) return false;
    const [c] = await costOf([candidate]);
    executions++;
    if (c! < floor) return false;
    current = candidate;
    cost = c!;
    steps.push(step);
    return true;
  };

  // Numbers: first all at once by dense rank (order and equalities kept), then one value at a time.
  const numbers = jsonLeaves(current).numbers;
  let ranked = false;
  if (numbers.length > 1) {
    const ranks = new Map([...new Set(numbers)].sort((a, b) => a - b).map((v, i) => [v, i]));
    ranked = await attempt(mapJson(current, { number: (n) => ranks.get(n)! }), 'renumbered values by rank (0, 1, 2, …)');
  }
  // Ranks are already as small as the order allows; nudging them one by one would only trade
  // distinct values for ties, a few percent of cost at a time.
  if (!ranked) {
    for (const v of [...new Set(jsonLeaves(current).numbers)].slice(0, MAX_VALUES)) {
      for (const r of simplerNumbers(v)) {
        if (await attempt(mapJson(current, { number: (n) => (n === v ? r : n) }), `${v} → ${r}`)) break;
      }
    }
  }

  // Characters: rarest first, each mapped onto the most frequent others already present.
  const freq = charFrequencies(jsonLeaves(current).strings);
  const rarestFirst = [...freq.keys()].sort((a, b) => freq.get(a)! - freq.get(b)! || a.localeCompare(b));
  for (const c of rarestFirst) {
    const present = charFrequencies(jsonLeaves(current).strings);
    if (!present.has(c)) continue;
    const onto = [...present.keys()].filter((d) => d !== c).sort((a, b) => present.get(b)! - present.get(a)! || a.localeCompare(b)).slice(0, 2);
    for (const d of onto) {
      if (await attempt(mapJson(current, { string: (s) => s.split(c).join(d) }), `'${c}' → '${d}'`)) break;
    }
  }
  return { input: current, cost, originalCost: originalCost!, kept: originalCost! > 0 ? cost / originalCost! : 1, executions, steps };
}

/** Simpler stand-ins for a number, simplest first: 0, then fewer significant digits toward 0. */
export function simplerNumbers(v: number): number[] {
  if (v === 0 || !Number.isFinite(v)) return [];
  const out = new Set<number>([0]);
  const sign = Math.sign(v);
  const a = Math.abs(v);
  if (!Number.isInteger(a)) out.add(sign * Math.trunc(a));
  const digits = Math.floor(Math.log10(a)) + 1;
  for (let d = 1; d < Math.max(digits, 1) + (Number.isInteger(a) ? 0 : 1); d++) {
    const unit = 10 ** (Math.max(digits, 1) - d);
    out.add(sign * Math.trunc(a / unit) * unit);
  }
  out.delete(v);
  return [...out];
}

function charFrequencies(strings: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of strings) for (const c of s) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

