import { parseDuration } from '../../src/cli/parse.js';
import { parseFlags } from '../arg-loop.js';

export interface FleetBenchArgs {
  /** Search time of each process in each run. */
  timeMs: number;
  seeds: number;
  /** Targets for time to 0.95 (default: the slowest-converging of the synthetic suite, see targets.ts). */
  targets?: string[];
  /** Seconds of announcing for the Redis figure. */
  announceMs: number;
  out: string;
  /** Off with --no-search: only the announcement rates. */
  search: boolean;
}

/** `npm run bench -- --suite fleet --time 10s --seeds 1 --targets a,b --announce 3s --out FILE`. */
export function parseFleetArgs(argv: string[]): FleetBenchArgs {
  const args: FleetBenchArgs = { timeMs: 10_000, seeds: 1, announceMs: 3000, out: 'bench/results-fleet.json', search: true };
  parseFlags(argv, '--time 10s --seeds 1 --targets a,b --announce 3s --out FILE --no-search', (a, value) => {
    if (a === '--time') args.timeMs = parseDuration(value());
    else if (a === '--seeds') args.seeds = Number(value());
    else if (a === '--targets') args.targets = value().split(',').filter(Boolean);
    else if (a === '--announce') args.announceMs = parseDuration(value());
    else if (a === '--out') args.out = value();
    else if (a === '--no-search') args.search = false;
    else return false;
    return true;
  });
  if (!Number.isInteger(args.seeds) || args.seeds < 1) throw new Error('--seeds must be a whole number ≥ 1');
  return args;
}
