import path from 'node:path';
import type { Command } from 'commander';
import { report } from '../pipeline/report.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write report.html from a run\'s report.json (one self-contained page that opens offline)')
    .argument('<run>', 'a run folder (reports/<id>/<run>) or its report.json')
    .action((ref: string) => {
      const { html } = report(ref);
      process.stdout.write(`report: ${path.relative(process.cwd(), html)}\n`);
    });
}
