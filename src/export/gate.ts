import path from 'node:path';
import { activeConstraints, readConstraintsFile } from '../constraints/index.js';
import { inputHash } from '../fuzz/corpus.js';
import { runCampaign } from '../fuzz/campaign.js';
import type { CampaignStatus } from '../fuzz/campaign-types.js';
import { loadTarget, type Target } from '../target/load.js';
import { BaselineError, readBaseline, writeBaseline, type BaselineFile, type BaselineFinding, type BaselineTarget } from './baseline.js';
import { leftOutNote, NoFindingsError, overBudgetNote, targetFindings, withinBudget } from './findings.js';
import { compareWork, FAILING, type GateRow } from './gate-compare.js';
import { openReplay, type Replay } from './replay.js';
import { relativePosix } from '../core/posix-path.js';
import type { SettledSearchLimits } from '../core/search-limits.js';
import { resolveInsideRoot } from './inside-root.js';

/** A brief search for a new slow path, the same campaign `wedge fuzz` runs, without a corpus. */
export interface GateFuzz extends SettledSearchLimits {
  onStatus?: (target: string) => (s: CampaignStatus) => void;
}

export interface GateOptions {
  /** Project root: targets, reports/ and corpora/ are found from it. */
  root: string;
  /** The baseline file (absolute, or relative to the root). */
  baselineFile: string;
  /** Default threshold; a target's `thresholdPercent` in the baseline overrides it. */
  thresholdPercent: number;
  /** Rewrite the baseline from what is measured now instead of comparing with it. */
  update: boolean;
  /** With update: how many findings per target the baseline keeps (highest work first). */
  top: number;
  fuzz?: GateFuzz;
  warn?: (message: string) => void;
  progress?: (message: string) => void;
}

export interface GateResult {
  rows: GateRow[];
  /** Whether any row fails the gate (never after an update). */
  failed: boolean;
  /** The threshold each target was judged with, in percent. */
  thresholds: Record<string, number>;
  /** The baseline file written by an update, relative to the root. */
  updated?: string;
}

/** Anything that keeps the gate from judging (exit 2): unknown target, missing or corrupt baseline. */
export class GateInputError extends Error {}

/**
 * Replays every baseline finding of the targets (default: all in the baseline) and compares its
 * work with the baseline's; with `fuzz`, also searches briefly for an input that beats the
 * target's worst. With `update`, measures the baseline's inputs, the targets' current findings
 * and the search's best instead, and rewrites the baseline from them.
 */
export async function runGate(refs: string[], o: GateOptions): Promise<GateResult> {
  const warn = o.warn ?? (() => {});
  const progress = o.progress ?? (() => {});
  const baselineFile = path.resolve(o.root, o.baselineFile);
  const shown = path.relative(o.root, baselineFile) || baselineFile;
  let baseline: BaselineFile | undefined;
  try {
    baseline = readBaseline(baselineFile, shown);
  } catch (e) {
    if (e instanceof BaselineError) throw new GateInputError(e.message);
    throw e;
  }
  if (!baseline && !o.update) {
    const which = refs.length ? refs.join(' ') : '<targets...>';
    throw new GateInputError(`no baseline at ${shown}: run "wedge gate ${which} --update" to measure one, then commit it`);
  }
  if (refs.length === 0 && !baseline) throw new GateInputError(`no baseline at ${shown} yet: name the targets to put in it, e.g. "wedge gate <target> --update"`);
  const entries = baseline?.targets ?? {};
  const targets = await resolveTargets(refs.length ? refs : Object.keys(entries), entries, o.root, shown);
  // Said before anything is replayed, so a typo costs no measurement.
  const absent = o.update ? undefined : targets.find((t) => !entries[t.id]);
  if (absent) throw new GateInputError(`target "${absent.id}" is not in ${shown}: run "wedge gate ${absent.id} --update" to add it`);

  const rows: GateRow[] = [];
  const thresholds: Record<string, number> = {};
  const next: BaselineFile = { version: 1, targets: { ...entries } };
  for (const target of targets) {
    const entry = entries[target.id];
    const threshold = entry?.thresholdPercent ?? o.thresholdPercent;
    thresholds[target.id] = threshold;
    const replay = openReplay(target);
    try {
      if (o.update) {
        const updated = await updateTarget(target, entry, threshold, replay, o, warn, progress);
        rows.push(...updated.rows);
        next.targets[target.id] = { ...updated.entry, file: relativePosix(o.root, target.file), ...(entry?.thresholdPercent !== undefined ? { thresholdPercent: entry.thresholdPercent } : {}) };
      } else {
        rows.push(...(await checkTarget(target, entry!, threshold, replay, o, progress)));
      }
    } finally {
      await replay.close();
    }
  }
  if (o.update) {
    writeBaseline(baselineFile, next);
    return { rows, failed: false, thresholds, updated: shown };
  }
  return { rows, failed: rows.some((r) => FAILING.has(r.status)), thresholds };
}

async function resolveTargets(refs: string[], entries: Record<string, BaselineTarget>, root: string, shown: string): Promise<Target[]> {
  const out: Target[] = [];
  for (const ref of refs) {
    // A baseline id loads the file the baseline names, so `wedge gate` with no arguments needs no targets/ layout.
    const entry = entries[ref];
    let file = ref;
    if (entry) {
      try {
        // Loading a target runs it: only files inside the project.
        file = resolveInsideRoot(root, entry.file, { file: shown, field: `targets.${ref}.file` });
      } catch (e) {
        throw new GateInputError((e as Error).message);
      }
    }
    try {
      out.push(await loadTarget(file));
    } catch (e) {
      throw new GateInputError(entry ? `target "${ref}" of the baseline: ${(e as Error).message}` : (e as Error).message);
    }
  }
  const ids = out.map((t) => t.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new GateInputError(`target "${twice}" is named twice`);
  return out;
}

async function checkTarget(target: Target, entry: BaselineTarget, threshold: number, replay: Replay, o: GateOptions, progress: (m: string) => void): Promise<GateRow[]> {
  const findings = Object.entries(entry.findings);
  progress(`${target.id}: replaying ${findings.length} baseline finding${findings.length === 1 ? '' : 's'}`);
  const works = await replay.works(findings.map(([, f]) => f.input));
  const rows: GateRow[] = findings.map(([hash, f], i) => {
    const r = works[i]!;
    if (r.error !== undefined) return { target: target.id, finding: hash, baseline: f.work, status: 'ERROR', note: `throws: ${r.error.split('\n')[0]}` };
    return { target: target.id, finding: hash, baseline: f.work, current: r.work, status: compareWork(f.work, r.work, threshold) };
  });
  if (o.fuzz) rows.push(...(await fuzzRows(target, entry, threshold, replay, o, progress)));
  return rows;
}

/** The search's best input against the baseline's worst, and any hang or OOM it ran into. */
async function fuzzRows(target: Target, entry: BaselineTarget, threshold: number, replay: Replay, o: GateOptions, progress: (m: string) => void): Promise<GateRow[]> {
  const best = await search(target, o, progress);
  const rows: GateRow[] = best.faults.map((f) => ({ target: target.id, finding: `fuzz:${f.hash}`, baseline: entry.worst, status: f.kind === 'hang' ? 'HANG' : 'OOM', note: f.detail }));
  if (best.input === undefined) return rows;
  const hash = inputHash(best.input);
  // The search's own count is the same number; the replay makes the row what the gate measures.
  const [r] = await replay.works([best.input]);
  if (r!.error !== undefined) return rows;
  const status = compareWork(entry.worst, r!.work, threshold) === 'REGRESSION' ? 'NEW-WORST' : entry.findings[hash] ? 'ok' : 'new';
  rows.push({ target: target.id, finding: `fuzz:${hash}`, baseline: entry.worst, current: r!.work, status });
  return rows;
}

interface SearchBest {
  input?: unknown;
  faults: { kind: 'hang' | 'oom'; hash: string; detail: string }[];
}

async function search(target: Target, o: GateOptions, progress: (m: string) => void): Promise<SearchBest> {
  const fuzz = o.fuzz!;
  const root = o.root;
  const budget = fuzz.execs !== undefined ? `${fuzz.execs} execs` : `${Math.round((fuzz.timeMs ?? 0) / 1000)}s`;
  progress(`${target.id}: searching for a new slow path (${budget}, ${fuzz.workers} worker${fuzz.workers === 1 ? '' : 's'})`);
  // Constraints guide the search as in `wedge fuzz` when the target has them; work is the same without.
  const file = readConstraintsFile(root, target.id);
  const result = await runCampaign({
    target,
    mode: 'wedge',
    seed: fuzz.seed,
    timeMs: fuzz.timeMs,
    execs: fuzz.execs,
    workers: Math.max(1, fuzz.workers),
    execTimeoutMs: fuzz.execTimeoutMs,
    memoryMb: fuzz.memoryMb,
    root,
    // A gate reads and writes nothing but the baseline: the search starts from nothing.
    useCorpus: false,
    // Wall-time feedback depends on the machine; an execution-bounded search stays exact.
    timeFeedback: fuzz.execs === undefined,
    onStatus: fuzz.onStatus?.(target.id),
    constraints: file ? activeConstraints(target, file, o.warn) : undefined,
  });
  const faults = result.findings
    .filter((f): f is typeof f & { kind: 'hang' | 'oom' } => f.kind === 'hang' || f.kind === 'oom')
    .map((f) => ({ kind: f.kind, hash: f.hash, detail: f.detail }));
  return { input: result.bestWorkInput, faults };
}

/** New baseline entry for a target: its old inputs, its current findings and the search's best, re-measured. */
async function updateTarget(
  target: Target,
  entry: BaselineTarget | undefined,
  threshold: number,
  replay: Replay,
  o: GateOptions,
  warn: (m: string) => void,
  progress: (m: string) => void,
): Promise<{ entry: Omit<BaselineTarget, 'file'>; rows: GateRow[] }> {
  const candidates = new Map<string, { input: unknown; size?: number }>();
  // An input over the size budget would set a worst no search within the budget can beat.
  const budget = { size: target.size, maxSize: target.maxSize };
  for (const [hash, f] of Object.entries(entry?.findings ?? {})) {
    if (withinBudget(budget, f.input)) candidates.set(hash, { input: f.input, size: f.size });
    else warn(`${target.id}: baseline input ${hash} is over the size budget (maxSize ${target.maxSize}); left out of the new baseline`);
  }
  try {
    const found = targetFindings(o.root, target.id, { top: o.top, warn, budget });
    progress(`${target.id}: findings from ${found.from}`);
    const note = leftOutNote(found);
    if (note) warn(note);
    const over = overBudgetNote(found, target.maxSize);
    if (over) warn(over);
    for (const f of found.findings) if (!candidates.has(f.hash)) candidates.set(f.hash, { input: f.input, size: f.size });
  } catch (e) {
    // A target already in the baseline can be re-measured without a report or a corpus.
    if (!(e instanceof NoFindingsError) || (candidates.size === 0 && !o.fuzz)) throw e instanceof NoFindingsError ? new GateInputError(e.message) : e;
  }
  if (o.fuzz) {
    const best = await search(target, o, progress);
    for (const f of best.faults) warn(`${target.id}: the search hit a ${f.kind} (${f.detail}); it cannot go in the baseline`);
    if (best.input !== undefined) candidates.set(inputHash(best.input), { input: best.input });
  }
  const list = [...candidates];
  progress(`${target.id}: measuring ${list.length} input${list.length === 1 ? '' : 's'}`);
  const works = await replay.works(list.map(([, c]) => c.input));
  const measured = list
    .map(([hash, c], i) => ({ hash, ...c, ...works[i]! }))
    .filter((m) => {
      if (m.error !== undefined) warn(`${target.id}: input ${m.hash} left out of the baseline: the target throws on it (${m.error.split('\n')[0]})`);
      return m.error === undefined;
    })
    .sort((a, b) => b.work - a.work || a.hash.localeCompare(b.hash))
    .slice(0, Math.max(1, o.top));
  if (measured.length === 0) throw new GateInputError(`${target.id}: no input can be replayed, so there is nothing to put in the baseline`);
  const findings: Record<string, BaselineFinding> = {};
  for (const m of measured) findings[m.hash] = { work: m.work, ...(m.size !== undefined ? { size: m.size } : {}), input: m.input };
  const rows: GateRow[] = measured.map((m) => {
    const old = entry?.findings[m.hash];
    return old
      ? { target: target.id, finding: m.hash, baseline: old.work, current: m.work, status: compareWork(old.work, m.work, threshold) }
      : { target: target.id, finding: m.hash, current: m.work, status: 'new' };
  });
  return { entry: { worst: measured[0]!.work, findings }, rows };
}
