import path from 'node:path';
import type { Command } from 'commander';
import { formatMs } from '../core/duration.js';
import { DEFAULT_VERIFY } from '../measure/verify.js';
import { verify, type VerifyOptions } from '../pipeline/verify.js';
import { verifyProgress } from '../pipeline/run.js';
import { phaseTimes } from '../report/verify-summary.js';
import { optionWithDefault, parseCount, parseDuration, parsePositiveDuration } from './parse.js';
import { OPTIONS } from '../core/options.js';

export interface VerifyFlags {
  top: number;
  minTime: number;
  baseline: number;
  seed: number;
}

/** Verification options shared by `wedge verify` and `wedge run`. */
export function verifyOptions(cmd: Command): Command {
  return cmd
    .option('--top <n>', 'how many findings to re-measure', parseCount, DEFAULT_VERIFY.top)
    .addOption(optionWithDefault('--min-time <duration>', `measured time per input, at least (with at least ${DEFAULT_VERIFY.timing.minRuns} runs)`, parseDuration, DEFAULT_VERIFY.timing.minTotalMs, `${DEFAULT_VERIFY.timing.minTotalMs / 1000}s`))
    .option('--baseline <n>', 'random inputs of the same size behind each typical time', parseCount, DEFAULT_VERIFY.baselineInputs);
}

/**
 * The verification flags as the library's options. `--min-time` is passed only when given on the
 * command line (`minTimeGiven`): then it is the time per input outright; otherwise the library
 * fits the time per input to verification's time.
 */
export function verifyFlags(flags: VerifyFlags, minTimeGiven: boolean): Pick<VerifyOptions, 'top' | 'minTimeMs' | 'baselineInputs' | 'seed'> {
  return { top: flags.top, ...(minTimeGiven ? { minTimeMs: flags.minTime } : {}), baselineInputs: flags.baseline, seed: flags.seed };
}

export function registerVerify(program: Command): void {
  const cmd = verifyOptions(
    program
      .command('verify')
      .description('re-measure the top findings of a run in a fresh process against random inputs of the same size; adds them to report.json and writes report.html')
      .argument('<target>', 'target id or path to a target file')
      .option('--report <path>', 'the run to verify: its folder or report.json (default: the newest under reports/<id>/)'),
  )
    .addOption(optionWithDefault('--time <duration>', `verification's time in all; the measured time per input is fitted to it, at most --min-time`, parsePositiveDuration, OPTIONS.verifyTime.default, formatMs(OPTIONS.verifyTime.default)))
    .option('--seed <n>', 'seed for the random baseline inputs', parseCount, OPTIONS.seed.default);
  const minTime = cmd.options.find((o) => o.long === '--min-time');
  if (minTime) minTime.defaultValueDescription = 'fitted to --time, at most 1s; given alone, the time per input outright';
  cmd.action(async (ref: string, flags: VerifyFlags & { report?: string; time: number }, self: Command) => {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const minTimeGiven = self.getOptionValueSource('minTime') === 'cli';
    // An explicit --min-time wins over the default total; an explicit --time still caps it.
    const timeGiven = self.getOptionValueSource('time') === 'cli';
    const timeMs = timeGiven || !minTimeGiven ? { timeMs: flags.time } : {};
    const { html, summary, verified, verifyMs } = await verify(ref, { ...verifyFlags(flags, minTimeGiven), ...timeMs, ...(flags.report ? { report: flags.report } : {}), progress: verifyProgress(log) });
    process.stdout.write([...summary, phaseTimes([['verification', verifyMs]], verified), `report: ${path.relative(process.cwd(), html)}`].join('\n') + '\n');
  });
}
