import test from 'ava';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CampaignStore, type StoreOptions } from '../src/fuzz/campaign-store.js';
import type { Kept } from '../src/fuzz/corpus.js';
import type { FindingFile } from '../src/fuzz/findings.js';
import type { Target } from '../src/target/load.js';

const target = { id: 't', maxSize: 10 } as Target;
const entry = (value: unknown, work = 5) => ({ value, size: 3, work, timeMs: 0.1, foundAtMs: 7 });

function newStore(useCorpus: boolean, inbox: unknown[] = [], corpus = 'corpora/t') {
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-store-'));
  const out = { kept: [] as Kept[], findings: [] as FindingFile[], warnings: [] as string[] };
  const o: StoreOptions = {
    target,
    mode: 'wedge',
    seed: 1,
    root,
    useCorpus,
    dir: path.join(root, corpus),
    warn: (m) => out.warnings.push(m),
    exchange: { kept: (k) => out.kept.push(k), finding: (f) => out.findings.push(f), take: () => inbox.splice(0) },
  };
  return { store: new CampaignStore(o, [], 1000), out, o };
}

test('an input is stored once, with its time since the campaign began, and handed to the exchange', (t) => {
  const { store, out, o } = newStore(true);
  t.true(store.keep(entry([1, 2]), 1, 1500));
  t.false(store.keep(entry([1, 2]), 1, 1600), 'kept by another worker already');
  t.is(store.kept.length, 1);
  t.is(store.kept[0]!.foundAtMs, 507);
  t.is(store.largestKept, 3);
  t.deepEqual(out.kept, store.kept);
  t.is(readdirSync(o.dir).filter((f) => f.endsWith('.json')).length, 1);
});

test('inputs from elsewhere come once, and a replacement starts from them and from what was kept', (t) => {
  const inbox: unknown[] = ['a', 'b'];
  const { store } = newStore(false, inbox);
  store.keep(entry('k'), 1, 1000);
  t.deepEqual(store.takeImports(), ['a', 'b']);
  inbox.push('a', 'k', 'c');
  t.deepEqual(store.takeImports(), ['c']);
  t.deepEqual(store.importedSince(0), ['a', 'b', 'c']);
  t.deepEqual(store.initial(true), []);
  t.deepEqual(store.initial(false), ['a', 'b', 'c', 'k']);
});

test('hang and oom findings are inputs a replacement does not run again as attacks', (t) => {
  const { store, out } = newStore(false);
  store.record('hang', 'one execution ran longer than 2000 ms', 'slow', 2000);
  store.record('error', 'TypeError: x', 'bad');
  store.record('oom', 'out of memory', undefined);
  t.deepEqual(store.faultInputs(), ['slow']);
  t.deepEqual(out.findings.map((f) => f.kind), ['hang', 'error', 'oom']);
  t.is(store.findings[0]!.minTimeMs, 2000);
});

test('a corpus folder that cannot be written is reported once; the inputs stay in memory', (t) => {
  // A folder under a file cannot be made, whoever runs the test.
  const { store, out, o } = newStore(true, [], 'blocked/t');
  writeFileSync(path.dirname(o.dir), '');
  for (const x of ['first', 'second', 'third']) t.true(store.keep(entry(x), 1, 1000));
  store.record('hang', 'one execution ran longer than 2000 ms', 'slow', 2000);
  t.is(out.warnings.length, 1);
  t.is(store.unsaved?.files, 4);
  t.is(store.kept.length, 3);
  t.is(store.findings.length, 1);
});
