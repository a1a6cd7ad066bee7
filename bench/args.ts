import { parseDuration } from '../src/cli/parse.js';
import { parseFlags } from './arg-loop.js';

export interface BenchArgs {
  timeMs: number;
  seeds: number;
  targets?: string[];
  modes: string[];
  out: string;
  throughput: boolean;
  parallel: boolean;
}

/** `npm run bench -- --time 10s --seeds 3 --targets a,b --modes random,coverage,wedge`. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { timeMs: 10_000, seeds: 3, modes: ['random', 'coverage', 'wedge'], out: 'bench/results.json', throughput: true, parallel: true };
  parseFlags(argv, '--time 10s --seeds 3 --targets a,b --modes random,coverage,wedge --out FILE --no-throughput --no-parallel', (a, value) => {
    if (a === '--time') args.timeMs = parseDuration(value());
    else if (a === '--seeds') args.seeds = Number(value());
    else if (a === '--targets') args.targets = value().split(',').filter(Boolean);
    else if (a === '--modes') args.modes = value().split(',').filter(Boolean);
    else if (a === '--out') args.out = value();
    else if (a === '--no-throughput') args.throughput = false;
    else if (a === '--no-parallel') args.parallel = false;
    else return false;
    return true;
  });
  if (!Number.isInteger(args.seeds) || args.seeds < 1) throw new Error('--seeds must be a whole number ≥ 1');
  return args;
}

/** `--suite synthetic|realworld|fleet` (default synthetic) picks the suite; the other arguments are the suite's own. */
export function splitSuite(argv: string[]): { suite: 'synthetic' | 'realworld' | 'fleet'; rest: string[] } {
  const i = argv.indexOf('--suite');
  if (i < 0) return { suite: 'synthetic', rest: argv };
  const suite = argv[i + 1];
  if (suite !== 'synthetic' && suite !== 'realworld' && suite !== 'fleet') throw new Error(`--suite must be synthetic, realworld or fleet (got ${suite ?? 'nothing'})`);
  return { suite, rest: [...argv.slice(0, i), ...argv.slice(i + 2)] };
}
