import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { anchorOf, parseSource, programPath, statementAtLine } from '../src/constraint-lang/anchor.js';
import { byFile } from '../src/constraints/profile.js';
import { targetSources } from '../src/constraints/sources.js';
import { runCampaign } from '../src/fuzz/campaign.js';
import { Rng } from '../src/fuzz/rng.js';
import { Scheduler, type Entry } from '../src/fuzz/scheduler.js';
import { loadTarget } from '../src/target/load.js';

test('inputs that hold a maximum and satisfy a constraint are picked more often', (t) => {
  const picks = (withConstraint: boolean) => {
    const s = new Scheduler();
    for (let i = 0; i < 10; i++) {
      const e: Entry = { index: i, value: i, size: 1, work: 1, timeMs: 0, flags: 0, held: 1, foundAtMs: 0 };
      if (withConstraint && i === 7) e.satisfies = ['c'];
      s.add(e);
    }
    const rng = new Rng(3);
    let n = 0;
    for (let k = 0; k < 10_000; k++) if (s.next(rng).index === 7) n++;
    return n;
  };
  // Without constraints entry 7 is one of ten favored inputs; with one it gets a share of its own.
  t.true(picks(true) > 2 * picks(false));
});

test.serial('a campaign with a constraint probe keeps its first hit and reports it', async (t) => {
  const target = await loadTarget('insertion-sort');
  const sources = targetSources(target);
  const code = readFileSync(path.resolve('targets/insertion-sort.ts'), 'utf8');
  const anchor = anchorOf(statementAtLine(programPath(parseSource(code, 'insertion-sort.ts')), 8)!, code, 'insertion-sort.ts');
  const constraints = byFile([{ id: 'deep-shift', kind: 'constraint', anchor, expr: '$trips > 0.75 * $size' }], sources);
  const r = await runCampaign({ target, mode: 'wedge', seed: 1, execs: 20_000, workers: 1, root: process.cwd(), useCorpus: false, timeFeedback: false, constraints });
  const c = r.constraints?.[0];
  t.truthy(c);
  t.is(c!.id, 'deep-shift');
  t.true(c!.reached);
  t.true(c!.firstReachedMs !== null && c!.firstReachedMs >= 0);
  t.true(c!.inputsSatisfying > 0);
  t.true(c!.medianWorkSatisfying! > c!.medianWorkOther!, 'inputs satisfying it did more work');
  t.is(c!.location, 'insertion-sort.ts:8');
});
