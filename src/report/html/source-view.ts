import type { LineHits } from '../../fuzz/protocol.js';
import { formatCount } from '../format.js';
import { esc } from './escape.js';

const MAX_LINES = 2000;

/**
 * Each instrumented file's source with two hit columns, the slowest finding's and a typical
 * input's; a line's shade grows with the log of its hits in the slowest finding.
 */
export function sourceView(sources: Record<string, string>, slowest: LineHits[], typical: LineHits[]): string {
  const files = [...new Set([...slowest, ...typical].map((h) => h.file))];
  if (files.length === 0) return '<p class="empty">No per-line hits were recorded.</p>';
  const index = (hits: LineHits[]) => new Map(hits.map((h) => [`${h.file}:${h.line}`, h.hits]));
  const hot = index(slowest);
  const cold = index(typical);
  const max = Math.max(1, ...slowest.map((h) => h.hits));
  return files
    .map((file) => {
      const text = sources[file];
      const lineNumbers = text !== undefined ? text.split('\n').map((_, i) => i + 1) : [...new Set([...slowest, ...typical].filter((h) => h.file === file).map((h) => h.line))].sort((a, b) => a - b);
      const lines = text?.split('\n') ?? [];
      const rows = lineNumbers.slice(0, MAX_LINES).map((n) => {
        const h = hot.get(`${file}:${n}`) ?? 0;
        const c = cold.get(`${file}:${n}`) ?? 0;
        const heat = h > 0 ? Math.log1p(h) / Math.log1p(max) : 0;
        const style = h > 0 ? ` style="background:rgba(220,60,30,${(0.08 + 0.5 * heat).toFixed(3)})"` : '';
        return `<tr${style}><td class="ln">${n}</td><td class="hits">${h ? formatCount(h) : ''}</td><td class="hits">${c ? formatCount(c) : ''}</td><td class="code">${esc(lines[n - 1] ?? '')}</td></tr>`;
      });
      const cut = lineNumbers.length > MAX_LINES ? `<p class="note">Showing the first ${MAX_LINES} of ${lineNumbers.length} lines.</p>` : '';
      const missing = text === undefined ? '<p class="note">The source text was not available when the report was made; hit counts only.</p>' : '';
      return `<h3>${esc(file)}</h3>${missing}<table class="source"><thead><tr><th>line</th><th>slowest</th><th>typical</th><th>code</th></tr></thead><tbody>${rows.join('')}</tbody></table>${cut}`;
    })
    .join('\n');
}
