import path from 'node:path';
import { writeReportHtml } from '../report/html/write.js';
import { readReport, reportJsonPath } from '../report/report-file.js';

/** Options of {@link report}. */
export interface ReportOptions {
  /** Folder a relative `run` is read from. Default: `process.cwd()`. */
  root?: string;
}

/** What {@link report} returns. */
export interface ReportResult {
  /** The report.json read (absolute). */
  reportPath: string;
  /** report.html written beside it (absolute). */
  html: string;
}

/** Writes report.html again from a run's report.json alone: one page that opens offline. */
export function report(run: string, options: ReportOptions = {}): ReportResult {
  const file = reportJsonPath(path.resolve(options.root ?? process.cwd(), run));
  return { reportPath: file, html: writeReportHtml(file, readReport(file)) };
}
