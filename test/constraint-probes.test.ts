import test from 'ava';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
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
      thresholdVariants(c, observed).forEach((v, j) => probes.push({ id: `c${i}-${j}`, kind: 'constraint', anchor: c.anchor, expr: v.expr }));
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
    const caught = probed.reduce((a, r) => a + r.constraints!.throws!.errors, 0);
    t.true(caught > 0, 'the guard counts the exceptions it swallows');
    t.true(probed.every((r) => r.constraints!.throws!.hits === 0));
  });
}
