import test from 'ava';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inputHash, readCorpus, writeCorpusFile, type CorpusFile } from '../src/fuzz/corpus.js';

const sample = (input: unknown): CorpusFile => ({
  version: 1,
  target: 't',
  hash: inputHash(input),
  input,
  size: 3,
  work: 42,
  timeMs: 0.5,
  reasons: ['new-max'],
  foundAtMs: 12,
  mode: 'wedge',
  seed: 1,
});

test('a corpus file round-trips, named by content hash, with no temporary left behind', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-corpus-'));
  const file = sample({ text: 'aé\u{1F600}', xs: [3, -1, 0.5], nested: [[1], []] });
  const written = writeCorpusFile(dir, file);
  t.is(path.basename(written), `${file.hash}.json`);
  t.deepEqual(readdirSync(dir), [`${file.hash}.json`]);
  const back = readCorpus(dir, () => t.fail('no warning expected'));
  t.deepEqual(back, [file]);
});

test('the same input always hashes the same; another input does not', (t) => {
  t.is(inputHash([1, 2, 3]), inputHash([1, 2, 3]));
  t.not(inputHash([1, 2, 3]), inputHash([3, 2, 1]));
});

test('a corrupt corpus file is skipped with a warning naming it', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-corpus-'));
  writeCorpusFile(dir, sample([1]));
  writeFileSync(path.join(dir, 'broken.json'), '{"input": [1, 2');
  writeFileSync(path.join(dir, 'nowork.json'), '{"input": [1]}');
  const warnings: string[] = [];
  const back = readCorpus(dir, (m) => warnings.push(m));
  t.is(back.length, 1);
  t.is(warnings.length, 2);
  t.regex(warnings.join('\n'), /broken\.json: not valid JSON/);
  t.regex(warnings.join('\n'), /nowork\.json: field "work" must be a number/);
});
