/** Test files that replay findings, one renderer per framework; pure text, no I/O. */

export const FRAMEWORKS = ['ava', 'node', 'vitest'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface SuiteCase {
  hash: string;
  size?: number;
  /** Work when exported. */
  work: number;
  /** Largest work that passes. */
  budget: number;
  /** Median wall time per call when exported (only with a time factor). */
  timeMs?: number;
  input: unknown;
}

export interface SuiteSpec {
  framework: Framework;
  targetId: string;
  /** The target file relative to the test file, posix, starting with ./ or ../ */
  targetPath: string;
  /** Module specifier of Wedge's API ('wedge', or a relative path inside Wedge's own repository). */
  api: string;
  /** Where the findings came from. */
  from: string;
  tolerancePercent: number;
  /** Adds a wall-time test per finding: median ≤ factor × recorded median. */
  timeFactor?: number;
  /** The command that regenerates the file. */
  command: string;
  /** Findings that could not become tests, said in the header. */
  notes?: string[];
  cases: SuiteCase[];
}

interface Dialect {
  imports: string[];
  /** Hook lines, given the replay variable's name. */
  before: string;
  after: string;
  test: (name: string, body: string[]) => string[];
  /** Asserts `ok` with message `msg` (both JS expressions). */
  check: (actual: string, limit: string, msg: string) => string;
}

// Starting the measurement process (Node, the TypeScript loader, Babel, the target) takes a
// couple of seconds on a busy machine: hooks and tests get room beyond the frameworks' defaults.
const dialects: Record<Framework, Dialect> = {
  ava: {
    imports: [`import test from 'ava';`],
    before: 'test.before(() => replay.start());',
    after: 'test.after.always(() => replay.close());',
    test: (name, body) => [`test(${name}, async (t) => {`, ...body, '});'],
    check: (actual, limit, msg) => `t.true(${actual} <= ${limit}, ${msg});`,
  },
  node: {
    imports: [`import { after, before, test } from 'node:test';`, `import assert from 'node:assert/strict';`],
    before: 'before(() => replay.start());',
    after: 'after(() => replay.close());',
    test: (name, body) => [`test(${name}, async () => {`, ...body, '});'],
    check: (actual, limit, msg) => `assert.ok(${actual} <= ${limit}, ${msg});`,
  },
  vitest: {
    imports: [`import { afterAll, beforeAll, expect, test } from 'vitest';`],
    before: 'beforeAll(() => replay.start(), 120_000);',
    after: 'afterAll(() => replay.close());',
    test: (name, body) => [`test(${name}, async () => {`, ...body, '}, 60_000);'],
    check: (actual, limit, msg) => `expect(${actual}, ${msg}).toBeLessThanOrEqual(${limit});`,
  },
};

/**
 * What runs a suite. The test process loads the target itself, so a TypeScript target needs a
 * TypeScript loader there whatever the framework: tsx, which is installed with Wedge.
 */
const RUN_WITH: Record<Framework, { ts: string; js: string }> = {
  ava: {
    ts: "npx ava, with extensions: { ts: 'module' }, nodeArguments: ['--import=tsx'] and workerThreads: false in ava's config",
    js: "npx ava, with workerThreads: false in ava's config",
  },
  node: { ts: 'node --import tsx --test', js: 'node --test' },
  vitest: { ts: 'NODE_OPTIONS=--import=tsx npx vitest run', js: 'npx vitest run' },
};

export function renderTestSuite(spec: SuiteSpec): string {
  const d = dialects[spec.framework];
  const timed = spec.timeFactor !== undefined;
  const indent = (lines: string[], by = '  ') => lines.map((l) => (l ? by + l : l));
  // Data (ids, paths, error messages, hashes, the command line) goes in only as JSON string
  // literals, in comments too: a line break or U+2028 in any of it would otherwise end a comment
  // or a string and let the rest run as code when the suite runs.
  const header = [
    `// Performance tests for the Wedge target ${jsString(spec.targetId)}, written by \`wedge export tests\`.`,
    `// Findings from ${jsString(spec.from)}.`,
    '// Each test replays one finding through Wedge\'s instrumentation and checks that its work',
    `// (probe hits: the same on every machine) stays within its budget, the work recorded at export + ${num(spec.tolerancePercent, 'tolerancePercent')}%.`,
    ...(timed ? [`// A second test per finding checks the median wall time of a few runs against ${num(spec.timeFactor, 'timeFactor')}× the median recorded at export.`] : []),
    ...(spec.notes ?? []).map((n) => `// Note: ${jsString(n)}`),
    `// After an intended change, regenerate: ${jsString(spec.command)}`,
    /\.[cm]?ts$/.test(spec.targetPath)
      ? `// Needs tsx (installed with Wedge) in the test process, which loads the TypeScript target: run it with ${RUN_WITH[spec.framework].ts}.`
      : `// Run it with ${RUN_WITH[spec.framework].js}.`,
  ];
  const workTest = d.test('`finding ${f.hash}: work ≤ ${f.budget}`', indent([
    'const work = await replay.work(f.input);',
    d.check('work', 'f.budget', '`work ${work} is over the budget ${f.budget} (recorded ${f.work} + ${TOLERANCE})`'),
  ]));
  const timeTest = d.test('`finding ${f.hash}: median time ≤ ${TIME_FACTOR} × ${f.timeMs} ms`', indent([
    'const { medianMs } = await replay.time(f.input);',
    d.check('medianMs', 'TIME_FACTOR * f.timeMs', '`median ${medianMs} ms over ${TIME_FACTOR} × the recorded ${f.timeMs} ms`'),
  ]));
  const lines = [
    ...header,
    ...d.imports,
    `import { openReplay } from ${jsString(spec.api)};`,
    '',
    `const replay = openReplay(new URL(${jsString(spec.targetPath)}, import.meta.url));`,
    `const TOLERANCE = ${jsString(`${num(spec.tolerancePercent, 'tolerancePercent')}%`)};`,
    ...(timed ? [`const TIME_FACTOR = ${num(spec.timeFactor, 'timeFactor')};`] : []),
    'const findings = [',
    ...spec.cases.flatMap((c) => indent(renderCase(c, timed))),
    '];',
    '',
    d.before,
    d.after,
    '',
    'for (const f of findings) {',
    ...indent(workTest),
    ...(timed ? indent(timeTest) : []),
    '}',
  ];
  return lines.join('\n') + '\n';
}

function renderCase(c: SuiteCase, timed: boolean): string[] {
  return [
    '{',
    `  hash: ${jsString(c.hash)},`,
    ...(c.size !== undefined ? [`  size: ${num(c.size, 'size')},`] : []),
    `  work: ${num(c.work, 'work')},`,
    `  budget: ${num(c.budget, 'budget')},`,
    ...(timed && c.timeMs !== undefined ? [`  timeMs: ${num(Number(Number(num(c.timeMs, 'timeMs')).toPrecision(4)), 'timeMs')},`] : []),
    `  input: ${inputLiteral(c.input)},`,
    '},',
  ];
}

/**
 * The input as source. JSON is a JavaScript expression, except that a "__proto__" key in an
 * object literal sets the prototype instead of making a property: such inputs go through
 * JSON.parse so the test sees exactly the value that was recorded.
 */
function inputLiteral(input: unknown): string {
  const json = JSON.stringify(input) ?? 'null';
  return json.includes('"__proto__"') ? `JSON.parse(${jsString(json)})` : escapeLineSeparators(json);
}

/**
 * A JSON string literal that is also safe in a `//` comment: JSON.stringify escapes every line
 * break but U+2028 and U+2029, which JavaScript also takes as line terminators.
 */
export function jsString(value: unknown): string {
  return escapeLineSeparators(JSON.stringify(String(value)));
}

function escapeLineSeparators(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A number as source; anything else (a string from a hand-edited file, NaN) is refused. */
function num(value: unknown, field: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`field "${field}" must be a finite number, got ${jsString(typeof value === 'number' ? String(value) : JSON.stringify(value) ?? typeof value)}`);
  return String(value);
}
