import type { ProbeRegistry } from '../instrument/registry.js';

/** Per-line hit counts of one input, for display. */
export interface LineHits {
  file: string;
  line: number;
  hits: number;
}

/**
 * Hit counts per source line of the last execution. A line's count is the largest of its
 * probes' counts (a loop line holds both its body probe and exit probe; summing would
 * double-count one pass).
 */
export function lineHits(registry: ProbeRegistry): LineHits[] {
  const byLine = new Map<string, LineHits>();
  const c = registry.counters;
  for (let id = 0; id < registry.used; id++) {
    const hits = c[id]!;
    if (hits === 0) continue;
    const { file, site } = registry.where(id);
    if (site.kind === 'constraint') continue; // a count of truths, not of executions of the line
    const key = `${file}:${site.line}`;
    const cur = byLine.get(key);
    if (!cur) byLine.set(key, { file, line: site.line, hits });
    else if (hits > cur.hits) cur.hits = hits;
  }
  return [...byLine.values()].sort((a, b) => b.hits - a.hits);
}
