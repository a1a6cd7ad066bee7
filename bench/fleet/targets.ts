import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface SyntheticResults {
  results: { id: string; cost: string; modes: Record<string, { medianRatio: number; medianTimeTo95: number | null } | undefined> }[];
}

/**
 * The slowest-converging work targets of the newest synthetic bench results: those that reached
 * 0.95 of the known worst, slowest first, then those that did not, closest first.
 */
export function slowestConverging(root: string, count = 3): string[] {
  const file = ['bench/results.json', 'bench/results-synthetic.json'].map((f) => path.join(root, f)).find((f) => existsSync(f));
  if (!file) return ['collatz-steps', 'gcd-euclid', 'word-frequency-sort'].slice(0, count);
  const { results } = JSON.parse(readFileSync(file, 'utf8')) as SyntheticResults;
  const work = results.filter((r) => r.cost === 'work' && r.modes.wedge);
  const reached = work.filter((r) => r.modes.wedge!.medianTimeTo95 !== null).sort((a, b) => b.modes.wedge!.medianTimeTo95! - a.modes.wedge!.medianTimeTo95!);
  const not = work.filter((r) => r.modes.wedge!.medianTimeTo95 === null).sort((a, b) => b.modes.wedge!.medianRatio - a.modes.wedge!.medianRatio);
  return [...reached, ...not].slice(0, count).map((r) => r.id);
}
