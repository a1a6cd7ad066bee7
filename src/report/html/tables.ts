import type { Baseline, VerifiedFinding, VerifiedHang } from '../../measure/types.js';
import type { ConstraintRow } from '../report-file.js';
import { boundText, keptText, baselineSizes, formatCount, formatMs, formatRatio, preview } from '../format.js';
import { esc } from './escape.js';

/** The slowdown table: each finding against random inputs of its size, with spreads. */
export function slowdownTable(findings: VerifiedFinding[], baselines: Baseline[]): string {
  const rows = findings.map((f) => {
    const b = baselines[f.baseline]!;
    const input = f.minimized
      ? `<code>${esc(preview(f.minimized.input, 120))}</code><details><summary>original (${esc(f.minimized.steps.length ? `minimized: ${f.minimized.steps.slice(0, 4).join('; ')}${f.minimized.steps.length > 4 ? '; …' : ''}, ${keptText(f.minimized.kept, f.bound)}` : 'already minimal: no simpler change kept the cost')})</summary><code>${esc(preview(f.input, 2000))}</code></details>`
      : `<code>${esc(preview(f.input, 120))}</code>`;
    return `<tr>
<td>${f.rank}</td>
<td class="input">${input}${f.error ? `<div class="note">throws: ${esc(f.error.split('\n')[0]!)}</div>` : ''}</td>
<td>${f.size}</td>
<td>${formatCount(f.work)}<div class="sub">${formatRatio(f.workRatio)} typical</div></td>
<td>${formatMs(f.timeMs.median)}<div class="sub">IQR ${formatMs(f.timeMs.iqr)}, ${f.timeMs.n} runs × ${formatCount(f.timeMs.callsPerRun)} call${f.timeMs.callsPerRun === 1 ? '' : 's'}</div></td>
<td>${formatMs(b.timeMs.median)}<div class="sub">IQR ${formatMs(b.timeMs.iqr)}, ${b.count} inputs, ${esc(baselineSizes(b, f.size))}</div></td>
<td class="big">${formatRatio(f.slowdown.ratio)}<div class="sub">IQR range ${formatRatio(f.slowdown.low)}–${formatRatio(f.slowdown.high)}</div></td>
<td>${esc(boundText(f))}</td>
<td>${f.instructions !== undefined ? formatCount(f.instructions) : '–'}</td>
</tr>`;
  });
  return `<table class="data"><thead><tr><th>#</th><th>input</th><th>size</th><th>work</th><th>time (median)</th><th>typical time</th><th>slowdown</th><th>slow in</th><th>instructions / call</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** Hangs that ran past their limit again: slower than every finding, by at least the limit. */
export function hangsTable(hangs: VerifiedHang[] | undefined, baselines: Baseline[]): string {
  if (!hangs || hangs.length === 0) return '';
  const rows = hangs.map((h) => {
    const b = baselines[h.baseline]!;
    return `<tr><td class="input"><code>${esc(preview(h.input, 120))}</code></td><td>${h.size}</td><td>≥ ${formatMs(h.limitMs)}<div class="sub">stopped at the limit</div></td><td>${formatMs(b.timeMs.median)}<div class="sub">${b.count} inputs, ${esc(baselineSizes(b, h.size))}</div></td><td class="big">≥ ${formatRatio(h.slowdownAtLeast)}</td></tr>`;
  });
  return `<p>Hang findings still running when stopped at the per-run limit: slower than every finding below, by at least the limit; their work is unknown.</p>
<table class="data"><thead><tr><th>input</th><th>size</th><th>time</th><th>typical time</th><th>slowdown</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

export function constraintsTable(rows: ConstraintRow[] | undefined): string {
  if (!rows || rows.length === 0) {
    return '<p class="empty">No constraints for this run: none were synthesized for the target, so the search ran on work counters alone.</p>';
  }
  const body = rows.map(
    (c) => `<tr><td>${esc(c.id)}</td><td><code>${esc(c.expr)}</code></td><td>${esc(c.location)}</td><td>${c.reached ? 'yes' : 'no'}</td><td>${c.firstReachedMs != null ? formatMs(c.firstReachedMs) : '–'}</td><td>${c.medianWorkSatisfying != null ? formatCount(c.medianWorkSatisfying) : '–'}</td><td>${c.medianWorkOther != null ? formatCount(c.medianWorkOther) : '–'}</td></tr>`,
  );
  return `<table class="data"><thead><tr><th>id</th><th>expression</th><th>location</th><th>reached</th><th>first reached</th><th>median work when true</th><th>median work otherwise</th></tr></thead><tbody>${body.join('\n')}</tbody></table>`;
}
