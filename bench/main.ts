// The benchmark: every mode on every target in one run, scored against the known worst input.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFileAtomic } from '../src/core/atomic-write.js';
import { runCampaign } from '../src/fuzz/campaign.js';
import type { SearchMode } from '../src/fuzz/engine-types.js';
import { execInputs } from '../src/fuzz/spawn.js';
import { median } from '../src/core/stats.js';
import { loadTarget, type Target } from '../src/target/load.js';
import { parseBenchArgs, splitSuite } from './args.js';
import { activeConstraints, ensureConstraints } from '../src/constraints/index.js';
import { knownWorst } from './known-worst.js';
import { measureThroughput } from './throughput.js';
import { measureConvergence, measureScaling, type ConvergenceRow, type ParallelScaling } from './parallel.js';
import { printParallel, printTable } from './table.js';

const { suite, rest } = splitSuite(process.argv.slice(2));
if (suite === 'realworld') {
  // The real-world suite (bench/realworld/): published packages with known slowdowns.
  const { runRealworld } = await import('./realworld/main.js');
  process.exit(await runRealworld(rest));
}
if (suite === 'fleet') {
  // The fleet suite (bench/fleet/): worker processes sharing a corpus through a local Redis.
  const { runFleetBench } = await import('./fleet/main.js');
  process.exit(await runFleetBench(rest));
}
const args = parseBenchArgs(rest);
const root = process.cwd();
const allIds = readdirSync(path.join(root, 'targets'))
  .filter((f) => f.endsWith('.target.ts'))
  .map((f) => f.replace(/\.target\.ts$/, ''))
  .filter((id) => id in knownWorst)
  .sort();
const ids = args.targets ?? allIds;
for (const id of ids) if (!(id in knownWorst)) throw new Error(`no known worst input for target "${id}" in bench/known-worst.ts`);

export interface ModeRun {
  seed: number;
  ratio: number;
  found: number;
  execs: number;
  execsPerSec: number;
  /** Seconds until the ratio first reached 0.95 (work targets), or null. */
  timeTo95: number | null;
}

export interface TargetResult {
  id: string;
  cost: 'work' | 'time';
  worst: number;
  modes: Record<string, { runs: ModeRun[]; medianRatio: number; medianTimeTo95: number | null }>;
  /** Constraints instrumented in wedge+constraints (0: that mode ran the wedge search unchanged). */
  constraintsKept?: number;
}

/** Work of inputs, or median wall time (ms) over repeats for time-cost targets, in one worker. */
async function measure(target: Target, inputs: unknown[], cost: 'work' | 'time', repeats = 15): Promise<number[]> {
  const reports = await execInputs({ targetFile: target.file, globs: target.instrument, baseDir: target.dir, inputs, repeats: cost === 'time' ? repeats : 1 });
  return reports.map((r) => (cost === 'work' ? r.work : median(r.timesMs)));
}

const results: TargetResult[] = [];
const started = performance.now();
for (const id of ids) {
  const target = await loadTarget(id);
  const yardstick = knownWorst[id]!;
  const [worst] = await measure(target, [yardstick.input()], yardstick.cost);
  const entry: TargetResult = { id, cost: yardstick.cost, worst: worst!, modes: {} };
  for (const mode of args.modes) {
    const runs: ModeRun[] = [];
    // wedge+constraints: the wedge search with the target's static constraints instrumented; they
    // are synthesized (when missing or stale) before, outside the timed budget.
    const constraints = mode === 'wedge+constraints' ? activeConstraints(target, (await ensureConstraints(target, { root })).file) : undefined;
    if (constraints) entry.constraintsKept = Object.values(constraints).reduce((n, ps) => n + ps.filter((p) => p.kind === 'constraint').length, 0);
    const searchMode = (mode === 'wedge+constraints' ? 'wedge' : mode) as SearchMode;
    for (let s = 1; s <= args.seeds; s++) {
      const r = await runCampaign({ target, mode: searchMode, seed: s, timeMs: args.timeMs, root, useCorpus: false, timeFeedback: true, constraints });
      let found: number;
      let ratio: number;
      if (yardstick.cost === 'work') {
        found = r.bestWork;
        ratio = found / worst!;
      } else {
        // Time targets: re-measure the slowest and the highest-work input beside the known worst,
        // same worker, same repeats; the slower of the two is what the mode found.
        const [slowest, heaviest, w] = await measure(target, [r.bestTimeInput ?? r.bestWorkInput, r.bestWorkInput, yardstick.input()], 'time');
        found = Math.max(slowest!, heaviest!);
        // Hangs are the slowest inputs of all: measured too, with few repeats (each may take seconds).
        const hangs = r.findings.filter((f) => f.kind === 'hang' && f.input !== undefined).slice(0, 3);
        if (hangs.length > 0) {
          const times = await measure(target, hangs.map((h) => h.input), 'time', 3);
          found = Math.max(found, ...times);
        }
        ratio = found / w!;
      }
      const hit = yardstick.cost === 'work' ? r.progress.find((p) => p.bestWork >= 0.95 * worst!) : undefined;
      runs.push({ seed: s, ratio, found, execs: r.execs, execsPerSec: Math.round(r.execsPerSec), timeTo95: hit ? hit.tMs / 1000 : null });
      process.stderr.write(`  ${id} ${mode} seed ${s}: ratio ${ratio.toFixed(3)} (${r.execs} execs)\n`);
    }
    const reached = runs.map((r) => r.timeTo95).filter((t): t is number => t !== null);
    entry.modes[mode] = {
      runs,
      medianRatio: median(runs.map((r) => r.ratio)),
      medianTimeTo95: reached.length * 2 > runs.length ? median(runs.map((r) => r.timeTo95 ?? Infinity)) : null,
    };
  }
  results.push(entry);
}

const throughput = args.throughput && ids.includes('insertion-sort') ? await measureThroughput(root, args.timeMs) : undefined;

// Parallel search: throughput with 1 vs 2 workers, and convergence on the slowest-converging targets.
let scaling: ParallelScaling | undefined;
let convergence: ConvergenceRow[] | undefined;
if (args.parallel && ids.includes('insertion-sort')) {
  process.stderr.write('  parallel: insertion-sort execs/s with 1 and 2 workers\n');
  scaling = await measureScaling(root, 'insertion-sort', args.timeMs);
  const slowest = results
    // Among the targets that converge with one worker, the three that take longest.
    .filter((r) => r.cost === 'work' && r.modes.wedge?.medianTimeTo95 != null)
    .sort((a, b) => b.modes.wedge!.medianTimeTo95! - a.modes.wedge!.medianTimeTo95!)
    .slice(0, 3);
  convergence = [];
  for (const r of slowest) {
    process.stderr.write(`  parallel: ${r.id} time to 0.95 with 1 and 2 workers\n`);
    convergence.push(await measureConvergence(root, r.id, r.worst, args.timeMs, args.seeds));
  }
}
printTable(results, args.modes, throughput);
if (scaling) printParallel(scaling, convergence ?? []);
writeFileAtomic(
  path.resolve(root, args.out),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, timePerRunMs: args.timeMs, seeds: args.seeds, results, throughput, scaling, convergence, totalSeconds: (performance.now() - started) / 1000 }, null, 1) + '\n',
);
process.stderr.write(`wrote ${args.out}\n`);
