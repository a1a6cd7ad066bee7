import test from 'ava';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { installInstrumentation } from '../src/instrument/install.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const registry = installInstrumentation(['./fixtures/hand-count.ts', './fixtures/plain-cjs.cjs'], here);

function countsByKind(file: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (let id = 0; id < registry.used; id++) {
    const { file: f, site } = registry.where(id);
    if (f !== file) continue;
    out[site.kind] = (out[site.kind] ?? 0) + registry.counters[id]!;
  }
  return out;
}

test('counters are exact on a function counted by hand', async (t) => {
  const { handCount } = await import('./fixtures/hand-count.ts');
  registry.reset();
  // a = [5, -2, 9]: s = 14 → 'big' → 15; both = true → throw → catch → 30.
  t.is(handCount([5, -2, 9]), 30);
  t.deepEqual(countsByKind('test/fixtures/hand-count.ts'), {
    function: 1,
    loop: 3 + 3, // for body ×3, while body ×3
    'loop-exit': 2,
    branch: 2 + 1, // a[i] > 0 twice; `if (both)` once
    else: 1, // a[i] = -2
    cond: 1, // s > 10 ? 'big'
    logical: 1, // `first > 0` after a true left side; `-1` of `a[0] ?? -1` is never reached
    case: 1,
    catch: 1,
  });
  t.is(registry.work(), 17);
});

test('CommonJS modules are instrumented through the require hook', (t) => {
  const require = createRequire(import.meta.url);
  const { countEven } = require('./fixtures/plain-cjs.cjs') as { countEven: (xs: number[]) => number };
  registry.reset();
  t.is(countEven([1, 2, 4, 7]), 2);
  // function 1, loop body 4, loop exit 1, branch 2, implicit else 2.
  t.deepEqual(countsByKind('test/fixtures/plain-cjs.cjs'), { function: 1, loop: 4, 'loop-exit': 1, branch: 2, else: 2 });
});

test('probe sites point at original source lines', async (t) => {
  await import('./fixtures/hand-count.ts');
  const lines = new Set<number>();
  for (let id = 0; id < registry.used; id++) {
    const { file, site } = registry.where(id);
    if (file === 'test/fixtures/hand-count.ts' && site.kind === 'loop') lines.add(site.line);
  }
  t.deepEqual([...lines].sort((a, b) => a - b), [4, 8]);
});
