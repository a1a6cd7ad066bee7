import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { anchorOf, parseSource, programPath, resolveAnchor, statementAtLine } from '../src/constraint-lang/anchor.js';
import { placeConstraint } from '../src/constraint-lang/check.js';
import { constraintsPath, readConstraintsFile, writeConstraintsFile, type ConstraintsFile } from '../src/constraints/format.js';
import { checkExpr } from '../src/constraint-lang/validate-expr.js';
import { findCandidates } from '../src/constraints/static/candidates.js';

const SOURCE = `export function f(a: number[], k: number): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x > k) break;
    total += x;
  }
  const late = total * 2;
  return late;
}
`;

const program = (code: string) => programPath(parseSource(code, 'f.ts'));

test('allowed expressions pass the allowlist', (t) => {
  for (const e of [
    'a.length > 3 * k',
    'Math.max(x, k) >= 0 && !Number.isInteger(x / 2)',
    'a.includes(k) || a.indexOf(x) > 10',
    "typeof x === 'number' ? x > k : false",
    '$trips > 0.5 * $size',
    '/^a+$/.test(s)',
    'a.at(-1) === x && s.charCodeAt(0) > 64 && s.slice(1).startsWith("b")',
  ]) {
    const r = checkExpr(e);
    t.true(r.ok, `${e}: ${r.ok ? '' : r.reason}`);
  }
});

test('expressions with side effects or code are rejected with a reason', (t) => {
  const cases: [string, RegExp][] = [
    ['a.push(1)', /push.*changes its receiver/],
    ['x = 1', /assignment/],
    ['(() => { a.length = 0; return true })()', /function|call/],
    ['delete o.k', /delete/],
    ['arr.sort()', /sort.*changes its receiver/],
    ['i++ > 3', /\+\+/],
    ['new Array(5).length > 1', /new/],
    ['fetch("x")', /call of fetch/],
    ['tag`x` === 1', /tagged/],
    ['(a, b)', /comma/],
    ['Math.random() > 0.5', /Math.random/],
    ['a[`push`](1)', /computed/],
    ['/a/g.test(s)', /flag g/],
    ['x > 1; y > 2', /not one JavaScript expression/],
    ['', /empty/],
    ['x'.repeat(500), /too long/],
  ];
  for (const [e, why] of cases) {
    const r = checkExpr(e);
    t.false(r.ok, e);
    if (!r.ok) t.regex(r.reason, why, e);
  }
});

test('names must be bound at the anchor, and meters need what they measure', (t) => {
  const p = program(SOURCE);
  const at = (line: number) => anchorOf(statementAtLine(p, line)!, SOURCE, 'f.ts');
  t.true(placeConstraint(p, SOURCE, at(5), 'x > k && i > a.length / 2').ok);
  t.true(placeConstraint(p, SOURCE, at(5), '$trips > 0.5 * $size').ok);
  const unbound = placeConstraint(p, SOURCE, at(5), 'y > 1');
  t.false(unbound.ok);
  if (!unbound.ok) t.regex(unbound.reason, /"y" is not bound/);
  // `i` belongs to the for statement: not yet in scope just before it.
  const loopVar = placeConstraint(p, SOURCE, at(3), 'i > 0');
  t.false(loopVar.ok);
  const late = placeConstraint(p, SOURCE, at(6), 'late > 1');
  t.false(late.ok);
  if (!late.ok) t.regex(late.reason, /declared after the anchor/);
  const trips = placeConstraint(p, SOURCE, at(8), '$trips > 1');
  t.false(trips.ok);
  if (!trips.ok) t.regex(trips.reason, /\$trips needs a loop/);
});

test('an anchor survives edits elsewhere and moves with its statement', (t) => {
  const p = program(SOURCE);
  const anchor = anchorOf(statementAtLine(p, 5)!, SOURCE, 'f.ts');
  t.is(anchor.function, 'f');
  t.is(anchor.statement.kind, 'IfStatement');
  // Another function added above: the anchor resolves to the same statement, now on line 9.
  const edited = `function other() {\n  return 1;\n}\n\n${SOURCE}`;
  const r1 = resolveAnchor(program(edited), edited, anchor);
  t.true('path' in r1 && r1.path.node.loc?.start.line === 9);
  // A statement inserted before it in the same function: found again by kind and hash.
  const inserted = SOURCE.replace('  let total = 0;\n', '  let total = 0;\n  const unused = 1;\n');
  const r2 = resolveAnchor(program(inserted), inserted, anchor);
  t.true('path' in r2 && r2.path.node.loc?.start.line === 6);
  // The statement itself changed: the anchor no longer resolves, and says so.
  const changed = SOURCE.replace('if (x > k) break;', 'if (x >= k) break;');
  const r3 = resolveAnchor(program(changed), changed, anchor);
  t.true('error' in r3 && /no IfStatement with hash/.test(r3.error));
});

test('constraints files are checked on read; errors name the file and the field', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'wedge-constraints-'));
  const p = program(SOURCE);
  const file: ConstraintsFile = {
    version: 1,
    target: 'demo',
    synthesizer: { kind: 'static' },
    sources: { 'f.ts': 'abcdef123456' },
    createdAt: new Date(0).toISOString(),
    constraints: [
      { id: 'early-exit-5', target: 'demo', location: anchorOf(statementAtLine(p, 5)!, SOURCE, 'f.ts'), expr: 'x <= k', rationale: 'r', origin: 'static', status: 'kept' },
    ],
  };
  writeConstraintsFile(root, file);
  t.deepEqual(readConstraintsFile(root, 'demo'), file);
  const bad = JSON.parse(JSON.stringify(file));
  bad.constraints[0].status = 'dropped';
  bad.constraints[0].location.statement.hash = 'zz';
  writeFileSync(constraintsPath(root, 'demo'), JSON.stringify(bad));
  const e = t.throws(() => readConstraintsFile(root, 'demo'));
  t.regex(e!.message, /constraints[/\\]demo\.json/);
  t.regex(e!.message, /field "constraints\.0\.location\.statement\.hash"/);
  t.regex(e!.message, /field "constraints\.0\.reason" is required/);
  writeFileSync(constraintsPath(root, 'demo'), '{ not json');
  t.throws(() => readConstraintsFile(root, 'demo'), { message: /demo\.json: not valid JSON/ });
});

test('static candidates come from the AST: loops, early exits, growth, linear built-ins, recursion', (t) => {
  const code = [
    'export function f(xs, depth) {',
    '  const out = [];',
    '  for (const x of xs) {',
    '    if (out.includes(x)) continue;',
    '    out[out.length] = x;',
    '    for (let j = 0; j < x; j++) out.push(j);',
    '  }',
    '  return depth > 0 ? f(out, depth - 1) : out;',
    '}',
  ].join('\n');
  const found = findCandidates({ abs: '/virtual/f.js', rel: 'f.js', code, hash: '' }).map((c) => `${c.kind}@${c.anchor.line}: ${c.guard ? `${c.guard} && ` : ''}${c.measure}`);
  t.deepEqual(found.sort(), [
    'builtin-arg@4: out.length',
    'collection-growth@5: out.length',
    'collection-growth@6: out.length',
    'early-exit@4: !(out.includes(x)) && $trips',
    'inner-trips@6: $trips',
    'loop-trips@4: $trips',
    'recursion-depth@2: $depth',
  ]);
});
