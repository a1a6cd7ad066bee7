import path from 'node:path';
import type { Command } from 'commander';
import { writeReportHtml } from '../report/html/write.js';
import { readReport, reportJsonPath } from '../report/report-file.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write report.html from a run\'s report.json (one self-contained page that opens offline)')
    .argument('<run>', 'a run folder (reports/<id>/<run>) or its report.json')
    .action((ref: string) => {
      const file = reportJsonPath(ref);
      const html = writeReportHtml(file, readReport(file));
      process.stdout.write(`report: ${path.relative(process.cwd(), html)}\n`);
    });
}
