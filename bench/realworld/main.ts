// The real-world suite: published packages with a known slowdown, each fuzzed by Wedge as a user
// would run it, the inputs found timed by the shared harness and scored against the known attack;
// beside it, what recheck alone finds in the same files.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../src/core/atomic-write.js';
import { parseRealworldArgs, type RealworldArgs } from './args.js';
import { readTargets, realworldPaths, type RealworldPaths, type RealworldTarget } from './config.js';
import { pickCandidates, runWedge } from './fuzz.js';
import { ensureCache } from './install.js';
import { recheckScan } from './recheck-alone.js';
import type { RealworldResult, RecheckOutcome, TimedInput, WedgeOutcome } from './results.js';
import { cleanupScratch, harness, knownAttack } from './score.js';
import { realworldSummary, realworldTable } from './table.js';
import { writeTargetFile } from './targets.js';

const log = (m: string) => process.stderr.write(`realworld: ${m}\n`);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const best = <T extends TimedInput>(xs: T[]) => xs.reduce<T | undefined>((b, x) => (!b || x.ratio > b.ratio ? x : b), undefined);
/** How many recheck attacks are timed at most, the most complex first. */
const RECHECK_TIMED = 8;

/** `npm run bench -- --suite realworld ...`; resolves with the exit code. */
export async function runRealworld(argv: string[]): Promise<number> {
  const args = parseRealworldArgs(argv);
  const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
  const paths = realworldPaths(root, args);
  const all = readTargets(paths.targetsJson);
  const unknown = (args.targets ?? []).filter((id) => !all.some((t) => t.id === id));
  if (unknown.length) throw new Error(`unknown real-world target(s) ${unknown.join(', ')}; known: ${all.map((t) => t.id).join(', ')}`);
  const targets = args.targets ? all.filter((t) => args.targets!.includes(t.id)) : all;
  const commit = gitHead(root);
  log(`set ${paths.dir}, cache ${paths.cache}, wedge at ${commit}`);
  ensureCache(paths, all, root);

  const started = performance.now();
  const results: RealworldResult[] = [];
  const save = () =>
    writeFileAtomic(
      path.resolve(root, args.out),
      JSON.stringify({ date: new Date().toISOString(), node: process.version, commit, timePerTargetMs: args.timeMs, workers: args.workers, cache: path.basename(paths.cache), results, totalSeconds: (performance.now() - started) / 1000 }, null, 1) + '\n',
    );
  try {
    for (const [i, t] of targets.entries()) {
      log(`[${i + 1}/${targets.length}] ${t.id} (L = ${t.L})`);
      results.push(await runOne(paths, root, t, args));
      save(); // after every package, so an interrupted run keeps what it measured
    }
  } finally {
    cleanupScratch();
  }
  process.stdout.write(`${realworldTable(results)}\n\n${realworldSummary(results).join('\n')}\nwedge ${commit}, ${(args.timeMs / 1000).toFixed(0)} s per target, ${args.workers} worker(s)\n`);
  save();
  log(`wrote ${args.out}`);
  return 0;
}

async function runOne(paths: RealworldPaths, root: string, t: RealworldTarget, args: RealworldArgs): Promise<RealworldResult> {
  const file = writeTargetFile(paths.cache, t);
  log(`  measuring the known attack`);
  const attack = knownAttack(t);
  const k = await harness(paths, t, attack, { reps: 3, timeoutS: 30 });
  // The yardstick for "not slow on the fixed version": some fixes leave the known attack slower than random too.
  const kf = await harness(paths, t, attack, { reps: 3, timeoutS: 10, alias: t.fixed_alias });
  const known = { ratio: k.ratio, timedOut: k.timedOut, length: attack.length, fixed: { alias: t.fixed_alias, ratio: kf.ratio, timedOut: kf.timedOut } };
  log(`  known attack: ratio ${known.ratio.toFixed(1)}${known.timedOut ? ' (timed out: lower bound)' : ''}; on ${t.fixed_alias}: ${kf.ratio.toFixed(1)}`);
  const wedge = await wedgeOutcome(paths, root, t, file, args, known.ratio).catch((e: unknown) => ({ error: errorText(e) }));
  const recheck = await recheckOutcome(paths, t, known.ratio).catch((e: unknown) => ({ error: errorText(e) }));
  return { id: t.id, L: t.L, known, wedge, recheck };
}

async function wedgeOutcome(paths: RealworldPaths, root: string, t: RealworldTarget, file: string, args: RealworldArgs, knownRatio: number): Promise<WedgeOutcome> {
  log(`  fuzzing ${t.id} for ${(args.timeMs / 1000).toFixed(0)} s (${args.workers} worker${args.workers === 1 ? '' : 's'})`);
  const run = await runWedge(root, paths.cache, file, args.timeMs, args.workers);
  for (const l of run.stderr) log(`  wedge stderr: ${l}`);
  const r = run.report;
  const picked = pickCandidates(r, t.L);
  log(`  scoring ${picked.length} candidate(s): ${picked.map((c) => `${c.from} (${c.input.length} chars)`).join(', ') || 'none'}`);
  const candidates: TimedInput[] = [];
  for (const c of picked) {
    const s = await harness(paths, t, c.input, { reps: 3, timeoutS: 10 });
    candidates.push({ from: c.from, length: s.length, ratio: s.ratio, timedOut: s.timedOut });
  }
  const top = best(candidates);
  let fixed: WedgeOutcome['fixed'];
  if (top) {
    const input = picked[candidates.indexOf(top)]!.input;
    log(`  best ${top.from}: ratio ${top.ratio.toFixed(1)}; timing it on ${t.fixed_alias}`);
    const f = await harness(paths, t, input, { reps: 3, timeoutS: 10, alias: t.fixed_alias });
    fixed = { alias: t.fixed_alias, ratio: f.ratio, timedOut: f.timedOut };
  }
  const ratio = top?.ratio ?? 0;
  return {
    seconds: run.seconds,
    execs: r.execs,
    execsPerSec: r.execsPerSec,
    corpusSize: r.corpusSize,
    probes: r.probes,
    covered: r.covered,
    hangs: r.hangs,
    ooms: r.ooms,
    errors: r.errors,
    // Relative to the cache: results files are committed, machine paths are not.
    reportPath: path.relative(paths.cache, run.reportPath),
    stderr: run.stderr,
    candidates,
    ...(top ? { best: top } : {}),
    ratio,
    score: knownRatio > 0 ? ratio / knownRatio : 0,
    ...(fixed ? { fixed } : {}),
  };
}

async function recheckOutcome(paths: RealworldPaths, t: RealworldTarget, knownRatio: number): Promise<RecheckOutcome> {
  log(`  recheck alone: checking the regular expressions of the files ${t.id} loads`);
  const t0 = performance.now();
  const scan = await recheckScan(paths.cache, t);
  const chosen = scan.vulnerable.slice(0, RECHECK_TIMED);
  log(`  recheck: ${scan.files.length} file(s), ${scan.checked} distinct regex(es), ${scan.vulnerable.length} vulnerable; timing ${chosen.length}`);
  const timed: RecheckOutcome['timed'] = [];
  for (const v of chosen) {
    const s = await harness(paths, t, v.attack, { reps: 3, timeoutS: 30 });
    timed.push({ from: `/${v.pattern}/${v.flags}`, pattern: v.pattern, flags: v.flags, complexity: v.complexity, file: path.relative(paths.nodeModules, v.file), line: v.line, length: s.length, ratio: s.ratio, timedOut: s.timedOut });
  }
  const ratio = best(timed)?.ratio ?? 0;
  return {
    seconds: (performance.now() - t0) / 1000,
    files: scan.files.map((f) => path.relative(paths.nodeModules, f)),
    filesHow: scan.filesHow,
    regexes: scan.regexes,
    checked: scan.checked,
    status: scan.status,
    vulnerable: scan.vulnerable.length,
    timed,
    ratio,
    score: knownRatio > 0 ? ratio / knownRatio : 0,
  };
}

function gitHead(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
