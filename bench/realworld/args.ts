import { parseDuration } from '../../src/cli/parse.js';
import { parseFlags } from '../arg-loop.js';

export interface RealworldArgs {
  timeMs: number;
  workers: number;
  targets?: string[];
  cache?: string;
  realworld?: string;
  out: string;
}

const USAGE = '--suite realworld [--time 60s] [--workers 1] [--targets id1,id2] [--cache DIR] [--realworld DIR] [--out FILE]';

/** `npm run bench -- --suite realworld --time 60s --workers 1 --targets a,b --cache DIR --realworld DIR`. */
export function parseRealworldArgs(argv: string[]): RealworldArgs {
  const args: RealworldArgs = { timeMs: 60_000, workers: 1, out: 'bench/results-realworld.json' };
  parseFlags(argv, USAGE, (a, value) => {
    if (a === '--time') args.timeMs = parseDuration(value());
    else if (a === '--workers') args.workers = Number(value());
    else if (a === '--targets') args.targets = value().split(',').filter(Boolean);
    else if (a === '--cache') args.cache = value();
    else if (a === '--realworld') args.realworld = value();
    else if (a === '--out') args.out = value();
    else return false;
    return true;
  });
  if (!Number.isInteger(args.workers) || args.workers < 1) throw new Error('--workers must be a whole number ≥ 1');
  return args;
}
