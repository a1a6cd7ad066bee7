import type { TargetResult } from './main.js';
import type { ConvergenceRow, ParallelScaling } from './parallel.js';
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
    out.push(`throughput (insertion-sort): engine ${throughput.engineExecsPerSec} execs/s vs plain ${throughput.plainCallsPerSec} calls/s = ${throughput.ratio.toFixed(2)} (median of ${throughput.rounds.length} alternating rounds: ${throughput.rounds.map((r) => r.ratio.toFixed(2)).join(', ')})`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

/** Parallel search: 1 vs 2 workers. */
export function printParallel(scaling: ParallelScaling, convergence: ConvergenceRow[]): void {
  const t = (x: number | null) => (x === null ? 'not reached' : `${x.toFixed(1)}s`);
  const out = [
    '',
    `workers (${scaling.target}): 1 worker ${scaling.execsPerSec1} execs/s, 2 workers ${scaling.execsPerSec2} execs/s = ${scaling.speedup.toFixed(2)}x (median of ${scaling.rounds.length} alternating rounds: ${scaling.rounds.map((r) => r.speedup.toFixed(2) + 'x').join(', ')})`,
    ...convergence.map((c) => `time to 0.95 (${c.target}): 1 worker ${t(c.t95Workers1)} (ratio ${c.ratio1.toFixed(2)}), 2 workers ${t(c.t95Workers2)} (ratio ${c.ratio2.toFixed(2)})`),
  ];
  process.stdout.write(out.join('\n') + '\n');
}
