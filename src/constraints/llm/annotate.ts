import type { LineHits } from '../../fuzz/protocol.js';

/** Lines shown per file; longer files are cut (the hottest code is what matters). */
const MAX_LINES = 600;

/**
 * A source file with two hit-count columns, for a slow and a typical input:
 * `  7 |   2016 |     31 | while (j >= 0 && a[j] > key) {`. Counters sit on function entries,
 * branch arms and loop bodies, so a blank cell means "not counted on this line" (it ran as
 * often as the counted line of its block, or never), not zero.
 */
export function annotateSource(code: string, fileKey: string, slow: LineHits[], typical: LineHits[]): string {
  const col = (hits: LineHits[]) => {
    const m = new Map<number, number>();
    for (const h of hits) if (h.file === fileKey) m.set(h.line, Math.max(m.get(h.line) ?? 0, h.hits));
    return m;
  };
  const s = col(slow);
  const t = col(typical);
  const lines = code.split('\n');
  const shown = lines.slice(0, MAX_LINES);
  const w = Math.max(4, ...[...s.values(), ...t.values()].map((x) => String(x).length));
  const cell = (x: number | undefined) => (x === undefined ? '' : String(x)).padStart(w);
  const out = [`${'line'.padStart(5)} | ${'slow'.padStart(w)} | ${'typ.'.padStart(w)} | code`];
  shown.forEach((text, i) => out.push(`${String(i + 1).padStart(5)} | ${cell(s.get(i + 1))} | ${cell(t.get(i + 1))} | ${text}`));
  if (lines.length > MAX_LINES) out.push(`(${lines.length - MAX_LINES} more lines not shown)`);
  return out.join('\n');
}

/** A value as JSON, cut to `max` characters. */
export function preview(value: unknown, max = 400): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
}
