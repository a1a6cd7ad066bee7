import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inputHash, writeCorpusFile } from '../src/fuzz/corpus.js';
import { repo, wedge } from './helpers/fixture-project.js';

const temp = (prefix: string) => mkdtempSync(path.join(tmpdir(), `wedge-${prefix}-`));

/** Corpus files as `wedge fuzz` writes them, one per input. */
function writeCorpus(dir: string, target: string, inputs: unknown[]): void {
  mkdirSync(dir, { recursive: true });
  for (const input of inputs) {
    writeCorpusFile(dir, { version: 1, target, hash: inputHash(input), input, size: 1, work: 1, timeMs: 0, reasons: ['seed'], foundAtMs: 0, mode: 'wedge', seed: 1 });
  }
}

test('wedge coverage replays the corpus a search kept and writes lcov.info and index.html', async (t) => {
  const cwd = temp('coverage');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const target = path.join(repo, 'targets/insertion-sort.target.ts');
  const fuzz = await wedge(cwd, 'fuzz', target, '--execs', '1500', '--workers', '1', '--seed', '3', '--no-constraints', '--json');
  t.is(fuzz.code, 0, fuzz.stderr);
  const r = await wedge(cwd, 'coverage', target);
  t.is(r.code, 0, r.stderr);
  const lcov = readFileSync(path.join(cwd, 'coverage/insertion-sort/lcov.info'), 'utf8');
  const sf = lcov.split('\n').filter((l) => l.startsWith('SF:'));
  t.deepEqual(sf.map((l) => path.basename(l)), ['insertion-sort.ts']);
  const hit = Number(/^LH:(\d+)$/m.exec(lcov)?.[1]);
  t.true(hit > 0, lcov);
  // Lines are those of the TypeScript source: the function starts on line 2.
  t.regex(lcov, /^FN:2,insertionSort$/m);
  t.true(existsSync(path.join(cwd, 'coverage/insertion-sort/index.html')));
  t.regex(r.stdout, /replayed (\d+) of \1 inputs/);
  for (const m of ['Statements', 'Branches', 'Functions', 'Lines']) t.regex(r.stdout, new RegExp(`^${m}\\s*: \\d+(\\.\\d+)?% \\(\\d+/\\d+\\)$`, 'm'));
});

test('inputs that throw count, and one that hangs is left out without stalling the rest', async (t) => {
  const cwd = temp('coverage-faults');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const picky = path.join(repo, 'test/fixtures/picky.target.ts');
  writeCorpus(path.join(cwd, 'corpora/fault-picky'), 'fault-picky', [1, 3, 5, 7]);
  const thrown = await wedge(cwd, 'coverage', picky, '--reporter', 'lcov,text-summary');
  t.is(thrown.code, 0, thrown.stderr);
  t.regex(thrown.stdout, /replayed 4 of 4 inputs .*; 2 threw/);
  // Both error paths count: every line of picky() is hit.
  t.regex(thrown.stdout, /^Lines\s*: .*$/m);
  const lcov = readFileSync(path.join(cwd, 'coverage/fault-picky/lcov.info'), 'utf8');
  t.regex(lcov, /^DA:12,4$/m);
  t.regex(lcov, /^DA:13,3$/m);
  t.false(existsSync(path.join(cwd, 'coverage/fault-picky/index.html')), 'only the reporters asked for');

  const spin = path.join(repo, 'test/fixtures/spin.target.ts');
  writeCorpus(path.join(cwd, 'corpora/fault-spin'), 'fault-spin', [1, 2, 95, 3, 4]);
  const started = Date.now();
  const hung = await wedge(cwd, 'coverage', spin, '--exec-timeout', '300ms', '--out', 'spin-coverage');
  t.is(hung.code, 0, hung.stderr);
  t.true(Date.now() - started < 60_000);
  t.regex(hung.stdout, /replayed 4 of 5 inputs/);
  t.regex(hung.stdout, new RegExp(`left out corpora/fault-spin/${inputHash(95)}\\.json: ran longer than 300 ms`));
  const spinLcov = readFileSync(path.join(cwd, 'spin-coverage/lcov.info'), 'utf8');
  // The four inputs that returned are all counted, before and after the hang.
  t.regex(spinLcov, /^FNDA:4,spin$/m);
});

test('wedge coverage without a corpus says how to make one', async (t) => {
  const cwd = temp('coverage-empty');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const r = await wedge(cwd, 'coverage', path.join(repo, 'targets/insertion-sort.target.ts'));
  t.is(r.code, 1);
  t.regex(r.stderr, /no inputs in .*corpora\/insertion-sort: run `wedge fuzz insertion-sort` first/);
});

test('wedge fuzz --coverage writes the coverage of the corpus it kept', async (t) => {
  const cwd = temp('fuzz-coverage');
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const r = await wedge(cwd, 'fuzz', path.join(repo, 'targets/insertion-sort.target.ts'), '--execs', '800', '--workers', '1', '--no-constraints', '--coverage');
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /replayed (\d+) of \1 inputs from corpora\/insertion-sort/);
  t.regex(r.stdout, /^Lines\s*: \d+(\.\d+)?% \(\d+\/9\)$/m);
  t.regex(readFileSync(path.join(cwd, 'coverage/insertion-sort/lcov.info'), 'utf8'), /^SF:.*insertion-sort\.ts$/m);
  t.true(existsSync(path.join(cwd, 'coverage/insertion-sort/index.html')));
});
