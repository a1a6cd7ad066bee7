import type { VerifiedSection } from '../measure/types.js';
import { formatDuration } from './status-line.js';
import { boundText, keptText, baselineSizes, errorHeadline, formatCount, formatMs, formatRatio, formatSlowdown, growthSentence, instructionsNote, preview } from './format.js';

/** The terminal summary of a verification: top findings with spreads, then growth. */
export function verifySummary(target: string, v: VerifiedSection, show = 3): string[] {
  const out = [
    `${target}: ${v.findings.length} finding${v.findings.length === 1 ? '' : 's'} re-measured in a fresh process (≥${v.method.minRuns} runs and ≥${formatMs(v.method.minTotalMs)} each, against ${v.method.baselineInputs} random inputs of the same size)`,
  ];
  // Hangs first: slower than any finding, by at least their limit.
  for (const h of v.hangs ?? []) {
    const b = v.baselines[h.baseline]!;
    out.push(`  hang: still running after ${formatMs(h.limitMs)} (stopped there), ≥${formatRatio(h.slowdownAtLeast)} typical ${formatMs(b.timeMs.median)} (${baselineSizes(b, h.size)})`);
    out.push(`     input: ${preview(h.input, 110)}`);
  }
  for (const f of v.findings.slice(0, show)) {
    const b = v.baselines[f.baseline]!;
    out.push(
      `  #${f.rank} slowdown ${formatSlowdown(f)}: ${formatMs(f.timeMs.median)} (IQR ${formatMs(f.timeMs.iqr)}, ${f.timeMs.n} runs) vs typical ${formatMs(b.timeMs.median)} (IQR ${formatMs(b.timeMs.iqr)}, ${b.count} inputs, ${baselineSizes(b, f.size)}); work ${formatCount(f.work)} = ${formatRatio(f.workRatio)} typical; slow in ${boundText(f)}`,
    );
    if (f.minimized) out.push(`     input: ${preview(f.minimized.input, 110)}${f.minimized.steps.length ? ` (minimized; ${keptText(f.minimized.kept, f.bound)})` : ''}`);
    else out.push(`     input: ${preview(f.input, 110)}`);
    if (f.error) out.push(`     throws: ${errorHeadline(f.error)}`);
  }
  const throwing = v.findings.filter((f) => f.error);
  if (throwing.length > 0) {
    const ranks = throwing.map((f) => `#${f.rank}`).join(', ');
    out.push(`  warning: ${throwing.length} of ${v.findings.length} findings throw (${ranks}): their cost may be the error path, not the work you meant to measure`);
  }
  if (v.replayChanged?.length) {
    const [c] = v.replayChanged;
    out.push(
      `  warning: the target is not deterministic: ${v.replayChanged.length} finding${v.replayChanged.length === 1 ? '' : 's'} did other work on replay than in the search (e.g. ${formatCount(c!.replayWork)} vs ${formatCount(c!.searchWork)}); it keeps state between calls, so a call's cost depends on the calls before it`,
    );
  }
  out.push(v.growth ? `  growth: ${growthSentence(v.growth)}` : `  growth: ${v.growthNote ?? 'not measured'}`);
  if (!v.environment.instructions.available) out.push(`  ${instructionsNote(v.environment)}`);
  return out;
}

/**
 * "time: constraints 24.1s, search 30.0s, verification 48.2s (timing 30.1s, minimizing 12.0s,
 * growth 6.1s); total 1m42s": where a run's wall time went, since the search budget is only part.
 */
export function phaseTimes(phases: [string, number | undefined][], v?: Pick<VerifiedSection, 'phasesMs'>): string {
  const steps = Object.entries(v?.phasesMs ?? {}).filter(([, ms]) => ms !== undefined && ms > 0);
  const shown = phases.filter((p): p is [string, number] => p[1] !== undefined);
  const parts = shown.map(([name, ms]) => `${name} ${formatDuration(ms)}${name === 'verification' && steps.length ? ` (${steps.map(([k, s]) => `${k} ${formatDuration(s!)}`).join(', ')})` : ''}`);
  const total = shown.reduce((s, [, ms]) => s + ms, 0);
  return `time: ${parts.join(', ')}${shown.length > 1 ? `; total ${formatDuration(total)}` : ''}`;
}
