import { OPTIONS } from '../core/options.js';
import { exportTests as writeTests, type ExportTestsResult } from '../export/tests.js';
import type { Framework } from '../export/test-suite.js';
import { resolveTarget, type TargetRef } from '../target/load.js';

/** Options of {@link exportTests}. `framework` is required; every other field says its default. */
export interface ExportTestsOptions {
  /** The test framework the file is written for: `ava`, `node` or `vitest`. */
  framework: Framework;
  /** Project root: `reports/` and `corpora/` are read under it. Default: `process.cwd()`. */
  root?: string;
  /** The file to write. Default: `test/perf/<id>.perf.test.ts` under the root (`.mjs` for a JavaScript target). */
  out?: string;
  /** Each test's work budget is the recorded work plus this percentage. Default: 10. */
  tolerancePercent?: number;
  /** Also check each finding's median wall time is at most this factor × the median measured now. Default: no time check. */
  timeFactor?: number;
  /** How many findings become tests. Default: 10. */
  top?: number;
  /** Where the file imports Wedge from. Default: "wedge" (a relative path inside Wedge's own repository). */
  importFrom?: string;
  /** The command written in the file's header as how it was made. Default: the `wedge export tests` command with these options. */
  command?: string;
  /** Warnings (a finding whose replayed work differs from its record). Default: none. */
  warn?: (message: string) => void;
}

export type { ExportTestsResult, Framework };

/**
 * Writes a test file with one test per finding of the target that replays it and asserts its
 * work stays within budget (and, with `timeFactor`, its time).
 */
export async function exportTests(target: TargetRef, options: ExportTestsOptions): Promise<ExportTestsResult> {
  const root = options.root ?? process.cwd();
  const t = await resolveTarget(target, root);
  const tolerancePercent = options.tolerancePercent ?? OPTIONS.tolerance.default;
  const top = Math.max(1, options.top ?? OPTIONS.exportTop.default);
  return writeTests(t, {
    framework: options.framework,
    root,
    out: options.out,
    tolerancePercent,
    timeFactor: options.timeFactor,
    top,
    importFrom: options.importFrom,
    command: options.command ?? exportTestsCommand(typeof target === 'string' ? target : t.id, { ...options, tolerancePercent, top }),
    ...(options.warn ? { warn: options.warn } : {}),
  });
}

/** The `wedge export tests` command line that writes the same file, options at their default left out. */
export function exportTestsCommand(ref: string, o: ExportTestsOptions & { tolerancePercent: number; top: number }): string {
  return [
    `wedge export tests ${ref} --framework ${o.framework}`,
    o.out ? `--out ${o.out}` : '',
    o.tolerancePercent !== OPTIONS.tolerance.default ? `--tolerance ${o.tolerancePercent}%` : '',
    o.timeFactor !== undefined ? `--time-factor ${o.timeFactor}` : '',
    o.top !== OPTIONS.exportTop.default ? `--top ${o.top}` : '',
    o.importFrom ? `--import-from ${o.importFrom}` : '',
  ].filter(Boolean).join(' ');
}
