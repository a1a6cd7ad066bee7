import { changePercent, FAILING, type GateRow } from './gate-compare.js';

const HEAD = ['target', 'finding', 'baseline work', 'current work', 'change', 'status'] as const;
/** Numbers align right, words left. */
const RIGHT = [false, false, true, true, true, false];

export function formatChange(baseline: number | undefined, current: number | undefined): string {
  const c = changePercent(baseline, current);
  if (c === undefined) return '';
  if (!Number.isFinite(c)) return '+∞%';
  const rounded = Math.round(c * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded).toFixed(1)}%`;
}

/** The gate's table of changes, one row per finding, plain text. */
export function gateTable(rows: GateRow[]): string[] {
  const cells = rows.map((r) => [
    r.target,
    r.finding,
    r.baseline === undefined ? '–' : String(r.baseline),
    r.current === undefined ? '–' : String(r.current),
    formatChange(r.baseline, r.current),
    r.note ? `${r.status} (${r.note})` : r.status,
  ]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (RIGHT[i] ? v.padStart(widths[i]!) : i === c.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const legend = rows.some((r) => r.finding.startsWith('fuzz:')) ? ['fuzz:<hash>: the best input of the --fuzz search; its baseline is the baseline\'s worst'] : [];
  return [line(HEAD), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), ...legend];
}

/** One closing line: passed or failed, with counts by status and the threshold(s) used. */
export function gateSummary(rows: GateRow[], thresholds: Record<string, number>, updated?: string): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const by = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  const values = [...new Set(Object.values(thresholds))];
  const threshold = values.length === 1 ? `threshold ${values[0]}%` : `thresholds ${Object.entries(thresholds).map(([t, v]) => `${t} ${v}%`).join(', ')}`;
  if (updated) return `gate: baseline updated: ${updated} (${by}; ${threshold})`;
  const failed = rows.some((r) => FAILING.has(r.status));
  return `gate: ${failed ? 'FAILED' : 'passed'}: ${by || 'no findings'} (${threshold})`;
}
