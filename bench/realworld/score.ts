// Times a candidate with the official harness and turns its output into one ratio.
import { runNode } from './run-child.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RealworldPaths, RealworldTarget } from './config.js';

/** What harness.mjs prints (the fields the suite reads). */
export interface HarnessResult {
  length: number;
  over_budget: boolean;
  candidate_median_s: number | null;
  random_median_s: number | null;
  ratio: number | null;
  ratio_lower_bound?: number;
  timed_out: boolean;
  loaded: string;
}

export interface Scored {
  length: number;
  /** The ratio, or its lower bound when the run timed out; 0 over budget or unmeasured. */
  ratio: number;
  timedOut: boolean;
  medianS: number | null;
  randomMedianS: number | null;
}

let dir: string | undefined;
let counter = 0;

/** The scratch folder for candidate files; removed by `cleanupScratch`. */
function scratch(): string {
  dir ??= mkdtempSync(path.join(tmpdir(), 'wedge-realworld-'));
  return dir;
}

export function cleanupScratch(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** `REALWORLD_NODE_MODULES=<cache>/node_modules node harness.mjs <id> <candidate.json> --reps R --timeout S [--alias A]`. */
export async function harness(paths: RealworldPaths, t: RealworldTarget, input: string, o: { reps: number; timeoutS: number; alias?: string }): Promise<Scored> {
  const file = path.join(scratch(), `${t.id}-${counter++}.json`);
  writeFileSync(file, JSON.stringify(input));
  const args = [paths.harness, t.id, file, '--reps', String(o.reps), '--timeout', String(o.timeoutS), ...(o.alias ? ['--alias', o.alias] : [])];
  const { status, out, err } = await runNode(args, { env: { ...process.env, REALWORLD_NODE_MODULES: paths.nodeModules } });
  rmSync(file, { force: true });
  if (status !== 0) throw new Error(`harness ${t.id}${o.alias ? ` --alias ${o.alias}` : ''} failed (status ${status}): ${err.trim()}`);
  const r = JSON.parse(out) as HarnessResult;
  const ratio = r.over_budget ? 0 : r.timed_out ? (r.ratio_lower_bound ?? r.ratio ?? 0) : (r.ratio ?? 0);
  return { length: r.length, ratio, timedOut: r.timed_out, medianS: r.candidate_median_s, randomMedianS: r.random_median_s };
}

/** The known attack at the budget: targets.json's generator, evaluated here only (the search never sees it). */
export function knownAttack(t: RealworldTarget): string {
  const gen = new Function(`"use strict"; return (${t.known_attack});`)() as (L: number) => string;
  const s = gen(t.L);
  if (typeof s !== 'string') throw new Error(`${t.id}: known_attack did not return a string`);
  return s;
}
