import type { TargetResult } from './main.js';
import type { Throughput } from './throughput.js';

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(2));

/** The bench table, as printed for closing notes. */
export function printTable(results: TargetResult[], modes: string[], throughput?: Throughput): void {
  const head = ['target', 'cost', ...modes.map((m) => `${m}`), ...modes.filter((m) => m !== 'random').map((m) => `t95 ${m}`)];
  const rows = results.map((r) => [
    r.id,
    r.cost,
    ...modes.map((m) => fmt(r.modes[m]?.medianRatio ?? null)),
    ...modes.filter((m) => m !== 'random').map((m) => (r.modes[m]?.medianTimeTo95 != null ? `${r.modes[m]!.medianTimeTo95!.toFixed(1)}s` : '—')),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const main = modes.includes('wedge') ? 'wedge' : modes[modes.length - 1]!;
  const ratios = results.map((r) => r.modes[main]?.medianRatio ?? 0);
  out.push('', `${main}: ratio ≥ 0.95 on ${ratios.filter((x) => x >= 0.95).length}/${results.length}, ≥ 0.5 on ${ratios.filter((x) => x >= 0.5).length}/${results.length} (median over seeds; ratio = found / known worst, by work or by re-measured time)`);
  if (throughput) {
    out.push(`throughput (insertion-sort): engine ${throughput.engineExecsPerSec} execs/s vs plain ${throughput.plainCallsPerSec} calls/s = ${throughput.ratio.toFixed(2)}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
