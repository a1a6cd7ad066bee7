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
    ...modes.filter((m) => m !== 'random').map((m) => (r.modes[m]?.medianTimeTo95 != null ? `${r.modes[m]!.medianTimeTo95!.toFixed(2)}s` : '—')),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const main = modes.includes('wedge') ? 'wedge' : modes[modes.length - 1]!;
  const ratios = results.map((r) => r.modes[main]?.medianRatio ?? 0);
  out.push('', `${main}: ratio ≥ 0.95 on ${ratios.filter((x) => x >= 0.95).length}/${results.length}, ≥ 0.5 on ${ratios.filter((x) => x >= 0.5).length}/${results.length} (median over seeds; ratio = found / known worst, by work or by re-measured time)`);
  if (modes.includes('wedge') && modes.includes('wedge+constraints')) out.push(...constraintsAblation(results));
  if (throughput) {
    out.push(`throughput (insertion-sort): engine ${throughput.engineExecsPerSec} execs/s vs plain ${throughput.plainCallsPerSec} calls/s = ${throughput.ratio.toFixed(2)} (median of ${throughput.rounds.length} alternating rounds: ${throughput.rounds.map((r) => r.ratio.toFixed(2)).join(', ')})`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

/**
 * What constraints change, target by target: the ratio where wedge alone stays below 0.95, the
 * time to 0.95 where both reach it, and any ratio lowered below every seed of wedge alone (the
 * seed-to-seed spread is the noise a difference must clear).
 */
function constraintsAblation(results: TargetResult[]): string[] {
  const out = ['', 'constraints (wedge+constraints vs wedge, medians over seeds):'];
  const span = (r: TargetResult, m: string) => {
    const xs = r.modes[m]!.runs.map((x) => x.ratio);
    return `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  };
  const compared = results.filter((r) => r.modes.wedge && r.modes['wedge+constraints']);
  // Without a kept constraint the two modes run the same search: any difference is noise.
  const none = compared.filter((r) => r.constraintsKept === 0);
  const both = compared.filter((r) => r.constraintsKept !== 0);
  if (none.length) out.push(`  left out, no constraint kept (the same search in both modes): ${none.map((r) => r.id).join(', ')}`);
  const below = both.filter((r) => r.modes.wedge!.medianRatio < 0.95);
  const raised = below.filter((r) => r.modes['wedge+constraints']!.medianRatio > r.modes.wedge!.medianRatio);
  out.push(`  below 0.95 with wedge: raised on ${raised.length} of ${below.length}`);
  for (const r of below) {
    out.push(`    ${r.id}: ${fmt(r.modes.wedge!.medianRatio)} (seeds ${span(r, 'wedge')}) → ${fmt(r.modes['wedge+constraints']!.medianRatio)} (seeds ${span(r, 'wedge+constraints')})`);
  }
  const reach = both.filter((r) => r.modes.wedge!.medianTimeTo95 != null && r.modes['wedge+constraints']!.medianTimeTo95 != null);
  const sooner = reach.filter((r) => r.modes['wedge+constraints']!.medianTimeTo95! < r.modes.wedge!.medianTimeTo95!);
  out.push(`  both reach 0.95: sooner on ${sooner.length} of ${reach.length}${sooner.length ? ` (${sooner.map((r) => r.id).join(', ')})` : ''}`);
  const lowered = both.filter((r) => r.modes['wedge+constraints']!.medianRatio < Math.min(...r.modes.wedge!.runs.map((x) => x.ratio)));
  out.push(`  lowered below every wedge seed: ${lowered.length ? lowered.map((r) => `${r.id} ${fmt(r.modes['wedge+constraints']!.medianRatio)} (wedge seeds ${span(r, 'wedge')})`).join(', ') : 'none'}`);
  return out;
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
