import type { GateRow } from './gate-compare.js';

/** One measured value to chart: a finding's work, or a target's worst. */
export interface BenchPoint {
  name: string;
  value: number;
  baseline?: number;
}

/** What work is counted in. */
export const WORK_UNIT = 'probe hits';
/** The Bencher measure the work is filed under (created on first upload). */
export const WORK_MEASURE = 'work';

/**
 * The points of a gate run: every replayed finding as `<target>/<hash>`, each target's worst as
 * `<target>/worst`, and the best input of a --fuzz search as `<target>/fuzz-best` (its hash
 * changes from run to run, so a stable name keeps one chart).
 */
export function benchPoints(rows: GateRow[]): BenchPoint[] {
  const out: BenchPoint[] = [];
  const worst = new Map<string, { value: number; baseline?: number }>();
  for (const r of rows) {
    if (r.current === undefined) continue;
    if (r.finding.startsWith('fuzz:')) {
      out.push({ name: `${r.target}/fuzz-best`, value: r.current, baseline: r.baseline });
      continue;
    }
    out.push({ name: `${r.target}/${r.finding}`, value: r.current, baseline: r.baseline });
    const w = worst.get(r.target) ?? { value: 0 };
    w.value = Math.max(w.value, r.current);
    if (r.baseline !== undefined) w.baseline = Math.max(w.baseline ?? 0, r.baseline);
    worst.set(r.target, w);
  }
  for (const [target, w] of worst) out.push({ name: `${target}/worst`, value: w.value, baseline: w.baseline });
  return out;
}

/** github-action-benchmark, tool `customSmallerIsBetter`: `[{ name, unit, value, extra? }]`. */
export function githubBenchmarkJson(points: BenchPoint[]): { name: string; unit: string; value: number; extra?: string }[] {
  return points.map((p) => ({
    name: p.name,
    unit: WORK_UNIT,
    value: p.value,
    ...(p.baseline !== undefined ? { extra: `baseline ${p.baseline}` } : {}),
  }));
}

/** Bencher Metric Format: `{ "<benchmark>": { "<measure>": { "value": n } } }`. */
export function bencherJson(points: BenchPoint[]): Record<string, Record<string, { value: number }>> {
  return Object.fromEntries(points.map((p) => [p.name, { [WORK_MEASURE]: { value: p.value } }]));
}
