import type { LineHits } from '../../fuzz/protocol.js';
import { formatCount } from '../format.js';
import { esc } from './escape.js';

const MAX_LINES = 2000;
/** Lines shown around each line the slowest finding ran; farther ones are elided. */
const CONTEXT = 3;
/** Rows of the "where the time goes" table. */
export const HOT_ROWS = 10;

/** The anchor of a source line in the source view, linked from the hot-lines table. */
function anchor(fileIndex: number, line: number): string {
  return `src-${fileIndex}-${line}`;
}

/** The files with hits in the slowest finding, hottest first: the only ones the source view shows. */
function hotFiles(slowest: LineHits[]): string[] {
  const perFile = new Map<string, number>();
  for (const h of slowest) if (h.hits > 0) perFile.set(h.file, (perFile.get(h.file) ?? 0) + h.hits);
  return [...perFile].sort((a, b) => b[1] - a[1]).map(([f]) => f);
}

const key = (file: string, line: number) => `${file}:${line}`;
const index = (hits: LineHits[]) => new Map(hits.map((h) => [key(h.file, h.line), h.hits]));

/**
 * The answer first: the lines the slowest finding runs most, with a typical input's hits beside
 * them and their share of all line hits, each linked into the source view.
 */
export function hotLinesTable(sources: Record<string, string>, slowest: LineHits[], typical: LineHits[], rows = HOT_ROWS): string {
  const total = slowest.reduce((s, h) => s + h.hits, 0);
  if (total === 0) return '<p class="empty">No per-line hits were recorded for the slowest finding.</p>';
  const files = hotFiles(slowest);
  const cold = index(typical);
  const top = [...slowest].filter((h) => h.hits > 0).sort((a, b) => b.hits - a.hits).slice(0, rows);
  const body = top.map((h) => {
    const code = sources[h.file]?.split('\n')[h.line - 1]?.trim() ?? '';
    const c = cold.get(key(h.file, h.line)) ?? 0;
    const ratio = c > 0 ? `${(h.hits / c).toFixed(h.hits / c >= 10 ? 0 : 1)}×` : 'only the slowest';
    return `<tr><td><a href="#${anchor(files.indexOf(h.file), h.line)}"><code>${esc(h.file)}:${h.line}</code></a></td><td class="code"><code>${esc(code.length > 100 ? `${code.slice(0, 100)}…` : code)}</code></td><td class="num">${formatCount(h.hits)}</td><td class="num">${c ? formatCount(c) : '–'}</td><td class="num">${ratio}</td><td class="num">${((100 * h.hits) / total).toFixed(1)}%</td></tr>`;
  });
  const shown = top.reduce((s, h) => s + h.hits, 0);
  return `<table class="data hot"><thead><tr><th>line</th><th>code</th><th>hits, slowest</th><th>hits, typical</th><th>slowest / typical</th><th>share of hits</th></tr></thead><tbody>${body.join('')}</tbody></table>
<p class="note">The ${top.length} lines above take ${((100 * shown) / total).toFixed(0)}% of the slowest finding's ${formatCount(total)} line hits. The typical input is the random input of median work at the same size.</p>`;
}

/**
 * The source of each file the slowest finding ran, collapsed, with two hit columns (the slowest
 * finding's and a typical input's): lines near a line it ran are shown, longer stretches without
 * any are elided. A line's shade grows with the log of its hits in the slowest finding.
 */
export function sourceView(sources: Record<string, string>, slowest: LineHits[], typical: LineHits[]): string {
  const all = [...new Set([...slowest, ...typical].map((h) => h.file))];
  if (all.length === 0) return '<p class="empty">No per-line hits were recorded.</p>';
  const files = hotFiles(slowest);
  const hot = index(slowest);
  const cold = index(typical);
  const max = Math.max(1, ...slowest.map((h) => h.hits));
  const untouched = all.filter((f) => !files.includes(f));
  const views = files.map((file, fi) => {
    const text = sources[file];
    const lines = text?.split('\n') ?? [];
    const hitLines = [...new Set([...slowest, ...typical].filter((h) => h.file === file).map((h) => h.line))].sort((a, b) => a - b);
    const ran = slowest.filter((h) => h.file === file && h.hits > 0).map((h) => h.line);
    const last = text !== undefined ? lines.length : Math.max(0, ...hitLines);
    // Lines within CONTEXT of a line the slowest finding ran; without the text, the hit lines alone.
    const near = new Set<number>();
    if (text === undefined) hitLines.forEach((n) => near.add(n));
    else for (const n of ran) for (let k = Math.max(1, n - CONTEXT); k <= Math.min(last, n + CONTEXT); k++) near.add(k);
    const shown = [...near].sort((a, b) => a - b).slice(0, MAX_LINES);
    const rows: string[] = [];
    let prev = 0;
    for (const n of shown) {
      if (n > prev + 1 && text !== undefined) rows.push(`<tr class="gap"><td class="ln">⋮</td><td colspan="3">${n - prev - 1} line${n - prev - 1 === 1 ? '' : 's'} not run by the slowest finding</td></tr>`);
      prev = n;
      const h = hot.get(key(file, n)) ?? 0;
      const c = cold.get(key(file, n)) ?? 0;
      const heat = h > 0 ? Math.log1p(h) / Math.log1p(max) : 0;
      const style = h > 0 ? ` style="background:rgba(220,60,30,${(0.08 + 0.5 * heat).toFixed(3)})"` : '';
      rows.push(`<tr id="${anchor(fi, n)}"${style}><td class="ln">${n}</td><td class="hits">${h ? formatCount(h) : ''}</td><td class="hits">${c ? formatCount(c) : ''}</td><td class="code">${esc(lines[n - 1] ?? '')}</td></tr>`);
    }
    if (text !== undefined && prev < last) rows.push(`<tr class="gap"><td class="ln">⋮</td><td colspan="3">${last - prev} line${last - prev === 1 ? '' : 's'} not run by the slowest finding</td></tr>`);
    const cut = near.size > MAX_LINES ? `<p class="note">Showing the first ${MAX_LINES} of ${near.size} lines near a hit.</p>` : '';
    const missing = text === undefined ? '<p class="note">The source text was not available when the report was made; hit counts only.</p>' : '';
    const fileHits = ran.reduce((s, n) => s + (hot.get(key(file, n)) ?? 0), 0);
    return `<details class="source"><summary><code>${esc(file)}</code> · ${formatCount(fileHits)} hits in the slowest finding, ${ran.length} line${ran.length === 1 ? '' : 's'} run</summary>${missing}<table class="source"><thead><tr><th>line</th><th>slowest</th><th>typical</th><th>code</th></tr></thead><tbody>${rows.join('')}</tbody></table>${cut}</details>`;
  });
  const note = untouched.length
    ? `<p class="note">Not run by the slowest finding, so not shown: ${untouched.map((f) => `<code>${esc(f)}</code>`).join(', ')}.</p>`
    : '';
  return views.join('\n') + note;
}

/** Following a link to a source line opens the collapsed file around it. */
export const SOURCE_SCRIPT = String.raw`
(function () {
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var row = id && document.getElementById(id);
    if (!row) return;
    for (var el = row.parentElement; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
    row.classList.add('target');
    row.scrollIntoView({ block: 'center' });
  }
  window.addEventListener('hashchange', reveal);
  reveal();
})();
`;
