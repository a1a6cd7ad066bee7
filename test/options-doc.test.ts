import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPTIONS } from '../src/index.js';

const pipeline = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'src', 'pipeline');

/** Each field of the exported `...Options` interfaces of a file, with the doc comment just above it. */
function optionFields(file: string): { where: string; optional: boolean; doc: string }[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: { where: string; optional: boolean; doc: string }[] = [];
  let inside: string | undefined;
  let doc: string[] = [];
  let inDoc = false;
  lines.forEach((line, i) => {
    const open = /^export interface (\w+Options)\b.*\{$/.exec(line);
    if (open) {
      inside = open[1];
      doc = [];
      return;
    }
    if (!inside) return;
    if (line === '}') {
      inside = undefined;
      return;
    }
    if (/^\s*\/\*\*/.test(line)) {
      inDoc = true;
      doc = [];
    }
    if (inDoc) {
      doc.push(line);
      if (line.includes('*/')) inDoc = false;
      return;
    }
    const field = /^ {2}(\w+)(\?)?:/.exec(line);
    if (field) {
      out.push({ where: `${path.basename(file)}:${i + 1} ${inside}.${field[1]}`, optional: field[2] === '?', doc: doc.join(' ') });
      doc = [];
    }
  });
  return out;
}

test('every option of the library functions is documented, an optional one with its default', (t) => {
  const fields = readdirSync(pipeline).filter((f) => f.endsWith('.ts')).flatMap((f) => optionFields(path.join(pipeline, f)));
  t.true(fields.length > 40, `found ${fields.length} option fields`);
  t.deepEqual(fields.filter((f) => f.doc === '').map((f) => f.where), [], 'options without a doc comment');
  t.deepEqual(fields.filter((f) => f.optional && !/Default/.test(f.doc)).map((f) => f.where), [], 'optional options whose doc does not give the default');
});

test('every tunable has a default, a unit and a doc line', (t) => {
  for (const [name, o] of Object.entries(OPTIONS)) {
    t.true(Number.isFinite(o.default), name);
    t.true(['ms', 'MB', 'percent', 'count'].includes(o.unit), name);
    t.true(o.doc.length > 10, name);
  }
});
