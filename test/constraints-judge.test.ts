import test from 'ava';
import { judge } from '../src/constraints/judge.js';
import type { ExecReport } from '../src/fuzz/protocol.js';

/** Validation reports: a loop counter (probe 0), a second probe (1), and the constraint's hits. */
function reports(rows: { loop: number; other: number; hits: number; work: number }[]): ExecReport[] {
  return rows.map((r, i) => ({
    work: r.work,
    timesMs: [],
    lines: [],
    counters: [r.loop, r.other, r.hits],
    constraints: { c: { hits: r.hits, errors: 0 } },
    ...(i === 0 ? { programProbes: { 0: 'f.ts:3 (loop)', 1: 'f.ts:5 (branch)' } } : {}),
  }));
}

// Six typical inputs then six slow ones, all of size 10.
const sizes = Array(12).fill(10);
const loops = [2, 3, 3, 4, 2, 5, 20, 25, 30, 22, 28, 40];

test('a constraint whose count only grows with a program counter is dropped: it adds no feedback', (t) => {
  // `$trips > 10` on a loop run once per call: hits = max(0, trips - 10).
  const rows = loops.map((loop) => ({ loop, other: loop % 3, hits: Math.max(0, loop - 10), work: 10 + loop }));
  const v = judge('c', reports(rows), 6, sizes);
  t.is(v.status, 'dropped');
  t.regex(v.reason!, /adds no feedback.*f\.ts:3 \(loop\)/);
});

test('a constraint that orders inputs differently from every counter is kept', (t) => {
  // Hits concentrate on some slow inputs regardless of the loop's total: a distinct signal.
  const hits = [0, 0, 0, 0, 0, 0, 9, 1, 0, 7, 3, 2];
  const rows = loops.map((loop, i) => ({ loop, other: i % 2, hits: hits[i]!, work: 10 + loop }));
  const v = judge('c', reports(rows), 6, sizes);
  t.is(v.status, 'kept', v.reason);
});
