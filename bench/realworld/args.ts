import { parseDuration } from '../../src/cli/parse.js';

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
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--time') args.timeMs = parseDuration(value());
    else if (a === '--workers') args.workers = Number(value());
    else if (a === '--targets') args.targets = value().split(',').filter(Boolean);
    else if (a === '--cache') args.cache = value();
    else if (a === '--realworld') args.realworld = value();
    else if (a === '--out') args.out = value();
    else throw new Error(`unknown option ${a} (try ${USAGE})`);
  }
  if (!Number.isInteger(args.workers) || args.workers < 1) throw new Error('--workers must be a whole number ≥ 1');
  return args;
}
