import test from 'ava';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { execInputs } from '../src/fuzz/spawn.js';
import { loadTarget } from '../src/target/load.js';

const ids = readdirSync('targets')
  .filter((f) => f.endsWith('.target.ts'))
  .map((f) => f.replace(/\.target\.ts$/, ''));

test('there are benchmark targets to check', (t) => {
  t.true(ids.length >= 16);
});

for (const id of ids) {
  test(`${id}: instrumented and plain code give identical results on 100 inputs`, async (t) => {
    const target = await loadTarget(id);
    fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: 'xlarge', defaultSizeToMaxWhenMaxSpecified: true });
    const inputs = fc.sample(target.input, { numRuns: 100, seed: 7 });
    const plain = inputs.map((x) => target.fn(structuredClone(x)));
    const reports = await execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs, repeats: 1, returnResults: true });
    t.deepEqual(
      reports.map((r) => r.result),
      plain,
    );
    t.true(reports.every((r) => r.work > 0), 'every execution is counted');
  });
}
