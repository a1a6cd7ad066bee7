import path from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import type { StoredReport } from '../report-file.js';
import { renderReportHtml } from './page.js';

/** Writes report.html beside report.json (atomically); returns its path. */
export function writeReportHtml(reportJson: string, report: StoredReport): string {
  const file = path.join(path.dirname(reportJson), 'report.html');
  writeFileAtomic(file, renderReportHtml(report));
  return file;
}
