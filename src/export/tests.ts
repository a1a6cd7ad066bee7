import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { Target } from '../target/load.js';
import { leftOutNote, overBudgetNote, targetFindings } from './findings.js';
import { openReplay } from './replay.js';
import { renderTestSuite, type Framework, type SuiteCase } from './test-suite.js';
import { relativePosix } from '../core/posix-path.js';

export interface ExportTestsOptions {
  framework: Framework;
  /** Project root: reports/ and corpora/ live under it. */
  root: string;
  /** The file to write (default: test/perf/<id>.perf.test.<ts|mjs> under the root). */
  out?: string;
  /** Budget = work × (1 + tolerancePercent / 100). */
  tolerancePercent: number;
  /** Adds a wall-time test per finding: median ≤ factor × the median measured now. */
  timeFactor?: number;
  /** How many findings become tests. */
  top: number;
  /** Module specifier the file imports Wedge's API from (default: see apiSpecifier). */
  importFrom?: string;
  /** The command line that made the file, written in its header. */
  command: string;
  warn?: (message: string) => void;
}

export interface ExportTestsResult {
  file: string;
  tests: number;
  from: string;
  notes: string[];
}

/** Wedge's own package folder: a test file written inside it imports the API by relative path. */
const WEDGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Writes a test file that replays the target's findings. Each finding is replayed now, in the
 * same kind of process the test will use, so the recorded work and time are what the test
 * measures; a finding whose work no longer matches its record is said, and the replay wins.
 */
export async function exportTests(target: Target, o: ExportTestsOptions): Promise<ExportTestsResult> {
  const warn = o.warn ?? (() => {});
  const found = targetFindings(o.root, target.id, { top: o.top, warn, budget: { size: target.size, maxSize: target.maxSize } });
  const notes: string[] = [];
  const leftOut = leftOutNote(found);
  if (leftOut) notes.push(leftOut);
  const overBudget = overBudgetNote(found, target.maxSize);
  if (overBudget) notes.push(overBudget);
  const replay = openReplay(target);
  const cases: SuiteCase[] = [];
  try {
    const works = await replay.works(found.findings.map((f) => f.input));
    for (const [i, f] of found.findings.entries()) {
      const r = works[i]!;
      if (r.error !== undefined) {
        notes.push(`finding ${f.hash} left out: the target throws on it (${r.error.split('\n')[0]})`);
        continue;
      }
      if (r.work !== f.work) warn(`finding ${f.hash}: recorded work ${f.work}, replayed ${r.work}; the test uses the replayed work`);
      const c: SuiteCase = { hash: f.hash, size: f.size, work: r.work, budget: budgetFor(r.work, o.tolerancePercent), input: f.input };
      if (o.timeFactor !== undefined) c.timeMs = (await replay.time(f.input)).medianMs;
      cases.push(c);
    }
  } finally {
    await replay.close();
  }
  if (cases.length === 0) throw new Error(`no finding of "${target.id}" can be replayed (${notes.join('; ')})`);
  const file = path.resolve(o.root, o.out ?? defaultTestFile(target));
  const source = renderTestSuite({
    framework: o.framework,
    targetId: target.id,
    targetPath: relativeSpecifier(path.dirname(file), target.file),
    api: o.importFrom ?? apiSpecifier(file),
    from: found.from,
    tolerancePercent: o.tolerancePercent,
    timeFactor: o.timeFactor,
    command: o.command,
    notes,
    cases,
  });
  writeFileAtomic(file, source);
  return { file, tests: cases.length * (o.timeFactor !== undefined ? 2 : 1), from: found.from, notes };
}

/** The largest work that passes; rounding is guarded so that 10% of 100 is 110, not 109. */
export function budgetFor(work: number, tolerancePercent: number): number {
  return Math.floor(Math.round(work * (1 + tolerancePercent / 100) * 1e6) / 1e6);
}

/** test/perf/<id>.perf.test.ts for a TypeScript target, .mjs for a JavaScript one. */
export function defaultTestFile(target: Target): string {
  const ext = /\.[cm]?ts$/.test(target.file) ? 'ts' : 'mjs';
  return path.join('test', 'perf', `${target.id}.perf.test.${ext}`);
}

/**
 * `wedge` for a user's project; inside Wedge's own repository (where the package cannot
 * import itself from node_modules) a relative path to src/index.ts.
 */
export function apiSpecifier(testFile: string): string {
  const rel = path.relative(WEDGE_ROOT, testFile);
  const inside = !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).includes('node_modules');
  return inside ? relativeSpecifier(path.dirname(testFile), path.join(WEDGE_ROOT, 'src', 'index.ts')) : 'wedge';
}

function relativeSpecifier(fromDir: string, file: string): string {
  const rel = relativePosix(fromDir, file);
  return rel.startsWith('.') ? rel : `./${rel}`;
}
