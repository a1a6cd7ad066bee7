import type { FuzzReport } from '../fuzz-report.js';
import { esc } from './escape.js';

/** Vulnerable patterns first (they matter), then the checker's other verdicts; at most this many rows. */
const MAX_ROWS = 60;
const ORDER = { vulnerable: 0, unknown: 1, skipped: 2, safe: 3 } as const;

/** Every regex the target compiled, with recheck's verdict, and the characters taken from the source. */
export function regexSection(r: Pick<FuzzReport, 'regexes' | 'sourceChars' | 'growth'>): string {
  const rows = [...(r.regexes ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const counts = rows.reduce<Record<string, number>>((m, v) => ((m[v.status] = (m[v.status] ?? 0) + 1), m), {});
  const summary = rows.length
    ? `<p>${rows.length} regular expression${rows.length === 1 ? '' : 's'} compiled by the instrumented code, analysed with recheck: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}. Attacks of vulnerable ones were given to the search as tokens and pumped candidates.</p>`
    : '<p class="empty">The instrumented code compiled no regular expression.</p>';
  const table = rows.length
    ? `<table><thead><tr><th>pattern</th><th>where</th><th>built at run time</th><th>verdict</th><th>attack</th></tr></thead><tbody>${rows
        .slice(0, MAX_ROWS)
        .map((v) => `<tr><td><code>/${esc(v.source.length > 120 ? v.source.slice(0, 120) + '…' : v.source)}/${esc(v.flags)}</code></td><td>${esc(`${v.file ?? ''}:${v.line}${v.fn ? ` (${v.fn})` : ''}`)}</td><td>${v.dynamic ? 'yes' : 'no'}</td><td>${esc(`${v.status}: ${v.detail}${v.reached === undefined ? '' : v.reached ? '; the search ran it' : '; never run by the search'}`)}</td><td>${v.attack ? `<code>${esc(v.attack.slice(0, 120))}</code>` : ''}</td></tr>`)
        .join('')}</tbody></table>${rows.length > MAX_ROWS ? `<p class="note">${rows.length - MAX_ROWS} more in report.json.</p>` : ''}`
    : '';
  const chars = r.sourceChars?.length
    ? `<p>Characters the string alphabet took from the source: <code>${esc(r.sourceChars.map((c) => JSON.stringify(c).slice(1, -1)).join(' '))}</code></p>`
    : '';
  const growth = r.growth
    ? `<p>Fastest-growing pattern measured by the search: <code>${esc(JSON.stringify(r.growth.prefix).slice(0, 60))}</code> + <code>${esc(JSON.stringify(r.growth.unit))}</code>ⁿ + <code>${esc(JSON.stringify(r.growth.suffix).slice(0, 60))}</code>, cost ∝ n^${r.growth.exponent.toFixed(2)} between its two probe sizes.</p>`
    : '';
  return summary + chars + growth + table;
}
