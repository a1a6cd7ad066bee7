import libReport from 'istanbul-lib-report';
import reports, { type ReportOptions } from 'istanbul-reports';
import type { CoverageMap } from 'istanbul-lib-coverage';

/** The reporters istanbul-reports ships; `lcov` here is lcov.info alone (`html` writes the pages). */
export const REPORTERS = ['lcov', 'lcovonly', 'html', 'html-spa', 'text', 'text-summary', 'text-lcov', 'json', 'json-summary', 'clover', 'cobertura', 'teamcity', 'none'] as const;
export type Reporter = (typeof REPORTERS)[number];

/**
 * Writes the reports into `dir`. istanbul's own `lcov` also writes HTML pages under
 * lcov-report/; with `html` beside it they would be written twice, so `lcov` means lcov.info.
 */
export function writeCoverageReports(coverage: CoverageMap, dir: string, reporters: Reporter[], projectRoot = process.cwd()): void {
  const context = libReport.createContext({ dir, coverageMap: coverage, defaultSummarizer: 'nested' });
  for (const r of reporters) {
    const name = (r === 'lcov' ? 'lcovonly' : r) as keyof ReportOptions;
    reports.create(name, { projectRoot } as never).execute(context);
  }
}

export interface CoveragePercents {
  statements: number;
  branches: number;
  functions: number;
  lines: number;
}

export function coveragePercents(coverage: CoverageMap): CoveragePercents {
  const s = coverage.getCoverageSummary();
  return { statements: s.statements.pct, branches: s.branches.pct, functions: s.functions.pct, lines: s.lines.pct };
}
