import test from 'ava';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { anchorOf, parseSource, programPath, type Anchor } from '../src/constraint-lang/anchor.js';
import { byFile } from '../src/constraints/profile.js';
import { targetSources } from '../src/constraints/sources.js';
import { findCandidates } from '../src/constraints/static/candidates.js';
import { measureExpr, thresholdVariants } from '../src/constraints/static/thresholds.js';
import { execInputs } from '../src/fuzz/spawn.js';
import type { ExtraProbe } from '../src/instrument/constraint-probes.js';
import { loadTarget } from '../src/target/load.js';

const ids = readdirSync('targets')
  .filter((f) => f.endsWith('.target.ts'))
  .map((f) => f.replace(/\.target\.ts$/, ''));

for (const id of ids) {
  test.serial(`${id}: identical results and work with and without constraint probes on 100 inputs`, async (t) => {
    const target = await loadTarget(id);
    fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: 'xlarge', defaultSizeToMaxWhenMaxSpecified: true });
    const inputs = fc.sample(target.input, { numRuns: 100, seed: 11 });
    const sources = targetSources(target);
    // Every static candidate as constraints (thresholds from a made-up distribution: this test is
    // about behaviour, not about what the thresholds are) and as measures, plus one expression
    // that throws wherever it runs.
    const probes: ExtraProbe[] = [];
    const observed = [1, 2, 3, 5, 8].map((v) => ({ max: v, mean: v / 2, n: 1, size: 10 }));
    sources.flatMap(findCandidates).forEach((c, i) => {
      thresholdVariants(c, observed).forEach((v, j) => {
        probes.push({ id: `c${i}-${j}`, kind: 'constraint', anchor: c.anchor, expr: v.expr });
        // The same test in a form that is never settled at loop exit: checked on every pass.
        probes.push({ id: `c${i}-${j}-pass`, kind: 'constraint', anchor: c.anchor, expr: `(${v.expr}) === true` });
      });
      probes.push({ id: `m${i}`, kind: 'measure', anchor: c.anchor, expr: measureExpr(c) });
      if (i === 0) probes.push({ id: 'throws', kind: 'constraint', anchor: c.anchor, expr: '$size.no.such > 1' });
    });
    const job = { targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs, repeats: 1, returnResults: true };
    const plain = await execInputs(job);
    const probed = await execInputs({ ...job, extras: byFile(probes, sources) });
    t.deepEqual(probed.map((r) => r.result), plain.map((r) => r.result), 'same results');
    t.deepEqual(probed.map((r) => r.work), plain.map((r) => r.work), 'same work: constraint probes are not work');
    t.deepEqual(probed.map((r) => r.error), plain.map((r) => r.error), 'same errors');
    if (probes.length === 0) {
      t.log('no static candidates');
      return;
    }
    const constraintIds = probes.filter((p) => p.kind === 'constraint').map((p) => p.id);
    t.deepEqual(Object.keys(probed[0]!.constraints ?? {}).sort(), constraintIds.sort(), 'every constraint is instrumented');
    const hits = probed.reduce((a, r) => a + Object.entries(r.constraints!).reduce((b, [k, v]) => b + (k === 'throws' ? 0 : v.hits), 0), 0);
    t.true(hits > 0, 'some constraint is true somewhere');
    // Counts settled once per loop run equal counts tested on every pass (on runs that do not throw).
    for (const r of probed.filter((r) => r.error === undefined)) {
      for (const [id, c] of Object.entries(r.constraints!)) if (id.endsWith('-pass')) t.is(r.constraints![id.slice(0, -5)]!.hits, c.hits, id);
    }
    const caught = probed.reduce((a, r) => a + r.constraints!.throws!.errors, 0);
    t.true(caught > 0, 'the guard counts the exceptions it swallows');
    t.true(probed.every((r) => r.constraints!.throws!.hits === 0));
  });
}

test('a trip-count constraint settled at loop exit counts what a test on every pass counts, however the loop is left; depth is counted call by call', async (t) => {
  const target = await loadTarget(path.resolve('test/fixtures/loop-exits.target.ts'));
  const sources = targetSources(target);
  const probes: ExtraProbe[] = [];
  for (const src of sources) {
    programPath(parseSource(src.code, src.rel)).traverse({
      Loop(loop) {
        const body = loop.get('body');
        const first = body.isBlockStatement() ? body.get('body')[0] : undefined;
        if (!first) return;
        const anchor = anchorOf(first, src.code, src.rel);
        const line = first.node.loc!.start.line;
        for (const [i, expr] of ['$trips > 2', '$trips >= 2.5', '1.5 < $trips', '0.2 * $size <= $trips', '$trips > -3'].entries()) {
          probes.push({ id: `l${line}-${i}`, kind: 'constraint', anchor, expr });
          probes.push({ id: `l${line}-${i}-pass`, kind: 'constraint', anchor, expr: `(${expr}) === true` });
        }
      },
    });
  }
  t.true(probes.length >= 4 * 10, 'every loop of the fixture has probes');
  // down(n) runs at depths 1..n + 1: `$depth > 3` holds on n - 2 of those calls.
  const src = sources.find((s) => s.rel === 'loop-exits.ts')!;
  let downStart: Anchor | undefined;
  programPath(parseSource(src.code, src.rel)).traverse({
    FunctionDeclaration(fn) {
      if (fn.node.id?.name === 'down') downStart = anchorOf(fn.get('body').get('body')[0]!, src.code, src.rel);
    },
  });
  probes.push({ id: 'deep', kind: 'constraint', anchor: downStart!, expr: '$depth > 3' });
  const inputs = fc.sample(target.input, { numRuns: 60, seed: 5 });
  const reports = await execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs, repeats: 1, extras: byFile(probes, sources) });
  let hits = 0;
  for (const [i, r] of reports.entries()) {
    t.is(r.error, undefined);
    t.is(r.constraints!.deep!.hits, Math.max(0, (inputs[i] as number[]).length - 2), 'depth counted call by call');
    for (const [id, c] of Object.entries(r.constraints!)) {
      if (!id.endsWith('-pass')) continue;
      t.is(r.constraints![id.slice(0, -5)]!.hits, c.hits, id);
      hits += c.hits;
    }
  }
  t.true(hits > 0);
});
