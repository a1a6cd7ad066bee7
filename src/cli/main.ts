import { Command } from 'commander';
import { registerCoverage } from './coverage.js';
import { registerExec } from './exec.js';
import { registerExport } from './export.js';
import { registerFleet } from './fleet.js';
import { registerFuzz } from './fuzz.js';
import { registerGate } from './gate.js';
import { registerInit } from './init.js';
import { registerSynth } from './synth.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerVerify } from './verify.js';

const program = new Command();
program
  .name('wedge')
  .description('Find the inputs that make JavaScript/TypeScript code slow.')
  .version('0.1.0')
  .showHelpAfterError();
registerInit(program);
registerRun(program);
registerFuzz(program);
registerVerify(program);
registerReport(program);
registerExec(program);
registerSynth(program);
registerExport(program);
registerGate(program);
registerCoverage(program);
registerFleet(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`wedge: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
