import type { StoredReport } from '../report-file.js';
import { formatCount, formatMs, formatRatio, growthSentence, formatSlowdown, instructionsNote, preview } from '../format.js';
import { formatDuration } from '../status-line.js';
import { chartLibrary } from './chart-library.js';
import { CHART_SCRIPT } from './charts.js';
import { esc, scriptJson, scriptText } from './escape.js';
import { hotLinesTable, SOURCE_SCRIPT, sourceView } from './source-view.js';
import { constraintsTable, hangsTable, slowdownTable } from './tables.js';
import { STYLE } from './style.js';
import { regexSection } from './regex-table.js';

/** report.html: one self-contained page (styles, data and Chart.js inline), readable offline. */
export function renderReportHtml(r: StoredReport): string {
  const v = r.verified;
  const best = v?.findings[0];
  const data = {
    progress: progressPoints(r),
    growth: v?.growth ? { bound: v.growth.bound, worst: v.growth.worst, typical: v.growth.typical } : null,
  };
  const hang = v?.hangs?.[0];
  const headline = hang
    ? `<p class="headline">Slowest verified input: still running after <strong>${esc(formatMs(hang.limitMs))}</strong>, when it was stopped: at least <strong>${esc(formatRatio(hang.slowdownAtLeast))}</strong> slower than typical inputs of its size (${hang.size}).</p>`
    : best
    ? `<p class="headline">Slowest verified input: <strong>${esc(formatSlowdown(best))}</strong> slower than typical inputs of its size (${best.size}), by median wall time in a fresh process.</p>`
    : '<p class="headline">The findings have not been verified yet: run <code>wedge verify</code> to re-measure them against typical inputs.</p>';
  const growthText = v?.growth ? `<p class="headline">${esc(growthSentence(v.growth))}.</p>` : '';
  const throwing = v?.findings.filter((f) => f.error) ?? [];
  const throwsText = throwing.length
    ? `<p class="warning">${throwing.length} of ${v!.findings.length} verified findings throw (${throwing.map((f) => `#${f.rank}`).join(', ')}): their cost may be the error path rather than the work meant to be measured. The error is under each one's input below.</p>`
    : '';
  const method = v
    ? `<p class="note">Each input was warmed up, then timed round-robin with the others in a fresh process until it had at least ${v.method.minRuns} runs and ${formatMs(v.method.minTotalMs)} of measured time; fast calls are batched per run. The typical time is the median over ${v.method.baselineInputs} random inputs of the target's arbitrary of the same size, each measured the same way; IQR is the spread between quartiles. The slowdown range divides the finding's quartiles by the typical ones' (low by high, high by low). Minimized inputs keep at least 95% of the finding's ${best?.bound === 'time' ? 'time' : 'work'}.</p>`
    : '';
  const env = v?.environment;
  const growthSection = v?.growth
    ? `<p>${esc(v.growth.method)}; typical points are the medians of ${v.growth.typicalPerSize} random inputs per size. Axes are logarithmic: a straight line is a power law n^k, its slope is k.</p>
<div class="charts"><div class="chart"><canvas id="chart-growth-work"></canvas></div><div class="chart"><canvas id="chart-growth-time"></canvas></div></div>`
    : `<p class="empty">${esc(v?.growthNote ?? 'Growth has not been measured (it is part of wedge verify).')}</p>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wedge report: ${esc(r.target)} (${esc(r.run)})</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(r.target)}</h1>
<p class="meta">run ${esc(r.run)} · search: ${esc(r.mode)}, seed ${r.seed}, ${formatDuration(r.durationMs)}, ${formatCount(r.execs)} executions (${formatCount(r.execsPerSec)}/s) on ${r.workers} worker${r.workers === 1 ? '' : 's'} · ${formatCount(r.corpusSize)} inputs kept · probes hit ${r.covered}/${r.probes}${r.hangs || r.ooms ? ` · hangs ${r.hangs}, out of memory ${r.ooms}` : ''}</p>
${headline}
${growthText}
${throwsText}
</header>

<section id="hot">
<h2>Where the time goes</h2>
${v ? hotLinesTable(v.sources, v.hotLines.slowest, v.hotLines.typical) : '<p class="empty">Per-line hits are recorded by wedge verify.</p>'}
</section>

<section>
<h2>Slowdown of the findings</h2>
${v ? hangsTable(v.hangs, v.baselines) + slowdownTable(v.findings, v.baselines) : `<p class="empty">Not verified yet. The search's best input had work ${formatCount(r.best.work)}: <code>${esc(preview(r.best.input))}</code></p>`}
${method}
</section>

<section>
<h2>Best work over time</h2>
${data.progress.length ? '<div class="chart wide"><canvas id="chart-progress"></canvas></div>' : '<p class="empty">The search recorded no progress points.</p>'}
</section>

<section>
<h2>Growth with input size</h2>
${growthSection}
</section>

<section>
<h2>Constraints</h2>
${constraintsTable(r.constraints)}
</section>

<section>
<h2>Regular expressions and source characters</h2>
${regexSection(r)}
</section>

<section id="source">
<h2>Source, around the lines the slowest finding ran</h2>
${v ? `<p>Hits per source line for the slowest finding and for a typical input of its size (the random input of median work), for each file the slowest finding ran (click to open). Shaded lines are hot in the slowest finding; stretches it did not run are elided.</p>${sourceView(v.sources, v.hotLines.slowest, v.hotLines.typical)}` : '<p class="empty">Per-line hits are recorded by wedge verify.</p>'}
</section>

<footer>
${env ? `Measured on ${esc(env.cpu)} (${env.cores} cores), ${esc(env.platform)}, Node ${esc(env.node)}, V8 ${esc(env.v8)}; ${esc(instructionsNote(env))}. Verified ${esc(v!.verifiedAt)}.` : ''}
</footer>
<script id="wedge-data" type="application/json">${scriptJson(data)}</script>
<script>${scriptText(chartLibrary())}</script>
<script>${scriptText(CHART_SCRIPT)}</script>
<script>${scriptText(SOURCE_SCRIPT)}</script>
</body>
</html>
`;
}

/** Progress points, extended to the end of the search so the line spans the whole run. */
function progressPoints(r: StoredReport): { tMs: number; bestWork: number; bestTimeMs: number }[] {
  const pts = r.progress.filter((p) => p.bestWork >= 0).map((p) => ({ tMs: p.tMs, bestWork: p.bestWork, bestTimeMs: p.bestTimeMs }));
  const last = pts[pts.length - 1];
  if (last && r.durationMs > last.tMs) pts.push({ ...last, tMs: r.durationMs });
  return pts;
}
