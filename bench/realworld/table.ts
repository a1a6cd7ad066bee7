// The real-world table and its summary lines, as printed.
import { ok, recheckScore, wedgeScore, type RealworldResult } from './results.js';

const num = (x: number | null | undefined, timedOut = false) => {
  if (x === null || x === undefined) return '—';
  const s = x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
  return timedOut ? `≥${s}` : s;
};

export function realworldTable(results: RealworldResult[]): string {
  const head = ['target', 'L', 'known', 'known fixed', 'wedge', 'score', 'len', 'fixed', 'recheck', 'score', 'wedge time'];
  const rows = results.map((r) => {
    const w = ok(r.wedge) ? r.wedge : undefined;
    const c = ok(r.recheck) ? r.recheck : undefined;
    const cBest = c?.timed.reduce<(typeof c.timed)[number] | undefined>((b, x) => (!b || x.ratio > b.ratio ? x : b), undefined);
    return [
      r.id,
      String(r.L),
      num(r.known.ratio, r.known.timedOut),
      r.known.fixed ? num(r.known.fixed.ratio, r.known.fixed.timedOut) : '—',
      w ? num(w.ratio, w.best?.timedOut) : 'error',
      w ? num(w.score) : '—',
      w?.best ? String(w.best.length) : '—',
      w?.fixed ? num(w.fixed.ratio, w.fixed.timedOut) : '—',
      c ? num(c.ratio, cBest?.timedOut) : 'error',
      c ? num(c.score) : '—',
      w ? `${w.seconds.toFixed(0)}s` : '—',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function realworldSummary(results: RealworldResult[]): string[] {
  const n = results.length;
  const count = (scores: (number | null)[], at: number) => scores.filter((s) => s !== null && s >= at).length;
  const w = results.map(wedgeScore);
  const c = results.map(recheckScore);
  const onlyRecheck = results.filter((r) => (recheckScore(r) ?? 0) >= 0.5 && (wedgeScore(r) ?? 0) < 0.5).map((r) => r.id);
  const failed = results.flatMap((r) => [
    ...(ok(r.wedge) ? [] : [`${r.id} wedge: ${r.wedge.error.split('\n')[0]}`]),
    ...(ok(r.recheck) ? [] : [`${r.id} recheck: ${r.recheck.error.split('\n')[0]}`]),
  ]);
  const found = results.filter((r) => (wedgeScore(r) ?? 0) >= 0.5);
  const fixedSlow = (x: { ratio: number } | undefined) => x !== undefined && x.ratio >= 5;
  const stillSlow = found.filter((r) => ok(r.wedge) && fixedSlow(r.wedge.fixed)).map((r) => `${r.id}${fixedSlow(r.known.fixed) ? ' (the known attack too)' : ''}`);
  return [
    `wedge:   score ≥ 0.5 on ${count(w, 0.5)}/${n}, ≥ 0.1 on ${count(w, 0.1)}/${n}`,
    `wedge findings (score ≥ 0.5) still ≥ 5× on the fixed version: ${stillSlow.length ? stillSlow.join(', ') : 'none'}`,
    `recheck: score ≥ 0.5 on ${count(c, 0.5)}/${n}, ≥ 0.1 on ${count(c, 0.1)}/${n}`,
    `recheck ≥ 0.5 where wedge < 0.5: ${onlyRecheck.length ? onlyRecheck.join(', ') : 'none'}`,
    '(ratio = harness time on the input ÷ random strings of its length; score = ratio ÷ the known attack\'s ratio, same run; ≥ = timed out, a lower bound;',
    ' len = length of wedge\'s best input; fixed = that input on the fixed version; known fixed = the known attack on the fixed version)',
    ...failed.map((f) => `failed: ${f}`),
  ];
}

