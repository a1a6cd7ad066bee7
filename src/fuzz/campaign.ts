import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Target } from '../target/load.js';
import { corpusDir, inputHash, readCorpus, removeTemporaries, writeCorpusFile, type CorpusFile, type Kept } from './corpus.js';
import type { EngineResult, EngineStatus, ProgressPoint, SearchMode } from './engine-types.js';
import { boundErrorGroups } from './error-groups.js';
import { createWatchBuffer, CURRENT_INPUT_GLOBAL, watchedCalls, watchedStart } from './exec-watch.js';
import { addTotals, generationTotals, NO_TOTALS, type Totals } from './slot-totals.js';
import { WorkerInspector } from './worker-inspector.js';
import { reasonNames } from './feedback.js';
import { findingsDir, writeFinding, type FindingFile, type FindingKind } from './findings.js';
import { startWorker } from './spawn.js';
import type { ExtraProbes } from '../instrument/install.js';
import { constraintStats, type ConstraintStat } from './constraint-stats.js';
import { RegexAnalyzer, type RegexVerdict } from './regex-hints.js';
import type { GrowthFinding } from './pump-search.js';
import { TARGET_EXIT } from './target-guards.js';

export interface CampaignOptions {
  target: Target;
  mode: SearchMode;
  seed: number;
  timeMs?: number;
  execs?: number;
  /** Worker threads, each with its own instrumented copy of the target. */
  workers?: number;
  /** A single execution longer than this is a hang: the worker is replaced, the input kept. */
  execTimeoutMs?: number;
  /** Old-generation heap limit of each worker; exceeding it is an `oom` finding. */
  memoryMb?: number;
  /** Save the first input of each distinct error the target throws as an `error` finding. */
  keepErrors?: boolean;
  /** Project root: corpora/ lives under it. */
  root: string;
  /** Read and write corpora/<id>/ (off for benchmarks, which start from nothing). */
  useCorpus: boolean;
  /** Keep confirmed new maximum wall times; off when an exact replay is wanted. */
  timeFeedback: boolean;
  /** Keep a uniform sample of this many executed inputs in the result (first worker). */
  reservoir?: number;
  onStatus?: (status: CampaignStatus) => void;
  warn?: (message: string) => void;
  /** Resolves when the campaign should stop early (e.g. Ctrl-C). */
  stop?: Promise<void>;
  /** Constraint probes by absolute source path (see src/constraints). */
  constraints?: ExtraProbes;
  /** Connects this campaign to others searching the same target (see src/fleet). */
  exchange?: CampaignExchange;
}

/**
 * What a campaign shares with campaigns elsewhere: its own finds go out as they are stored, and
 * inputs kept elsewhere come in and are forwarded to the workers as their own keeps are.
 */
export interface CampaignExchange {
  /** An input this campaign kept, after it is stored in the corpus folder. */
  kept(k: Kept): void;
  /** A hang, out-of-memory or error finding, after it is stored. */
  finding(f: FindingFile): void;
  /** Inputs kept elsewhere since the last call, already checked against the target. */
  take(): unknown[];
}

export type { Kept };

export interface WorkerStatus {
  index: number;
  generation: number;
  alive: boolean;
  execs: number;
  execsPerSec: number;
}

export interface CampaignStatus extends EngineStatus {
  workers: WorkerStatus[];
  /** Size of the largest kept input, against the target's budget. */
  largestKept: number;
  maxSize: number;
  hangs: number;
  ooms: number;
}

export interface CampaignResult extends Omit<EngineResult, 'entries'> {
  kept: Kept[];
  findings: FindingFile[];
  workers: number;
  hangs: number;
  ooms: number;
  corpusDir?: string;
  resumedFrom: number;
  /** Per constraint: reached or not, when first, median work of kept inputs satisfying it vs not. */
  constraints?: ConstraintStat[];
  /** Every regex the target compiled, with the ReDoS checker's verdict. */
  regexes?: RegexVerdict[];
  /**
   * The corpus folder could not be written (read-only, full disk): the first error, and how many
   * inputs and findings of this run exist only in this result and its report.
   */
  unsaved?: { error: string; files: number };
  /**
   * Executions per second of the search loops, summed over workers: each worker's executions
   * over its own search time, so loading and instrumenting the target are left out.
   */
  searchExecsPerSec: number;
}

interface Slot {
  index: number;
  generation: number;
  worker?: Worker;
  watch: SharedArrayBuffer;
  startedAt: number;
  /** When the current generation had loaded the target: its engine's times count from about then. */
  readyAt?: number;
  ready: boolean;
  readyProbes: number;
  last?: EngineStatus;
  result?: Omit<EngineResult, 'entries'>;
  /** No generation runs or will: a result came, or the time or executions ran out. */
  ended: boolean;
  /** Earlier generations of this slot (replaced workers), as last known. */
  past: Totals;
  /** Best work and time as they rose in every generation's status (ms since the campaign began). */
  history: ProgressPoint[];
  /** Executions per second of the last generation that reported any. */
  lastRate: number;
  failure?: string;
  /** The input of a long-running execution, fetched while it runs (for hangs and OOMs). */
  suspect?: { startedAt: number; input: Promise<{ input?: unknown; known: boolean }> };
  hanging?: boolean;
  /** The fastest-growing pattern any generation reported (a replaced one's too). */
  growth?: GrowthFinding;
}

const WATCH_EVERY_MS = 20;
const STATUS_EVERY_MS = 100;
/** An execution running this long has its input fetched, in case it never returns. */
const SUSPECT_AFTER_MS = 40;
/** A replacement is started only with at least this much search time left after it loads. */
const MIN_SEARCH_MS = 250;

/**
 * Runs one search campaign on worker threads. The main thread stores what the workers keep as
 * they keep it, forwards each new input to the other workers, and replaces a worker that hangs
 * or runs out of memory, keeping its input as a finding.
 */
export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const warn = o.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const n = Math.max(1, o.workers ?? 1);
  const execTimeoutMs = o.execTimeoutMs ?? 2000;
  const dir = corpusDir(o.root, o.target.id);
  if (o.useCorpus) for (const d of [dir, findingsDir(dir)]) removeTemporaries(d);
  // A write to the corpus that fails (read-only folder, full disk) is reported once; the search
  // goes on in memory and its inputs reach the report. Later writes are not tried: each would
  // fail the same way, on the thread that watches for hangs.
  let unsaved: { error: string; files: number } | undefined;
  const store = (write: () => void): boolean => {
    if (unsaved) {
      unsaved.files++;
      return false;
    }
    try {
      write();
      return true;
    } catch (e) {
      unsaved = { error: (e as Error).message, files: 1 };
      warn(`cannot write to ${path.relative(o.root, dir) || dir} (${unsaved.error}); the campaign goes on in memory, and this run's inputs are kept in its report only`);
      return false;
    }
  };
  const previous = o.useCorpus ? readCorpus(dir, warn) : [];
  const kept: Kept[] = [];
  let largestKept = 0;
  /** Which constraints each kept input satisfied, by hash. */
  const satisfied = new Map<string, string[]>();
  const seen = new Set<string>(previous.map((p) => p.hash));
  const findings: FindingFile[] = [];
  const t0 = Date.now();
  // The time budget is search time: it starts when the first workers have loaded the target (as
  // each first worker's engine counts it), so a replacement knows when the campaign ends.
  let deadline = Infinity;
  let hangs = 0;
  let ooms = 0;
  let stopping = false;
  let wake: () => void = () => {};

  const slots: Slot[] = Array.from({ length: n }, (_, index) => ({
    index,
    generation: 0,
    watch: createWatchBuffer(),
    startedAt: t0,
    ready: false,
    readyProbes: 0,
    ended: false,
    past: NO_TOTALS,
    history: [],
    lastRate: 0,
  }));
  /** The longest a worker took to load the target so far: a replacement needs as long. */
  let loadMs = 0;
  /** Inputs other campaigns kept (see CampaignExchange), with when they came. */
  const imported: { input: unknown; at: number }[] = [];
  const takeImports = () => {
    const inputs = o.exchange?.take() ?? [];
    const fresh = inputs.filter((input) => {
      const hash = inputHash(input);
      if (seen.has(hash)) return false;
      seen.add(hash);
      return true;
    });
    if (fresh.length === 0) return;
    const at = Date.now();
    for (const input of fresh) imported.push({ input, at });
    for (const s of slots) if (s.ready) s.worker?.postMessage({ type: 'import', inputs: fresh });
  };

  // Regexes the workers report are analysed here, off the search threads; attacks go back to all.
  const regexReached = new Set<string>();
  const regexes = new RegexAnalyzer((hint) => {
    for (const s of slots) s.worker?.postMessage({ type: 'hints', hints: [hint] });
  }, warn);

  const inspector = new WorkerInspector();
  await inspector.start();
  const fetchInput = async (worker: Worker): Promise<{ input?: unknown; known: boolean }> => {
    const json = await inspector.evaluate(worker, `JSON.stringify(globalThis.${CURRENT_INPUT_GLOBAL})`);
    if (typeof json !== 'string') return { known: false };
    try {
      return { input: JSON.parse(json), known: true };
    } catch {
      return { known: false };
    }
  };
  /** The input of the execution running now, if the watchdog fetched it. */
  const suspectInput = async (slot: Slot) => {
    const started = watchedStart(slot.watch);
    if (!slot.suspect || slot.suspect.startedAt !== started) return { known: false, input: undefined };
    return slot.suspect.input;
  };

  const record = (kind: FindingKind, detail: string, input: unknown | undefined, minTimeMs?: number) => {
    const f = { target: o.target.id, kind, detail, input, foundAtMs: Date.now() - t0, ...(minTimeMs !== undefined ? { minTimeMs } : {}) };
    let finding: FindingFile = { version: 1, hash: inputHash(input ?? detail), ...f };
    if (o.useCorpus) store(() => (finding = writeFinding(findingsDir(dir), f).finding));
    findings.push(finding);
    o.exchange?.finding(finding);
  };

  const onKeep = (slot: Slot, entry: { value: unknown; size: number; work: number; timeMs: number; foundAtMs: number; satisfies?: string[] }, reasons: number) => {
    const hash = inputHash(entry.value);
    if (seen.has(hash)) return; // already stored, or forwarded from another worker
    seen.add(hash);
    if (entry.satisfies) satisfied.set(hash, entry.satisfies);
    const k: Kept = { hash, input: entry.value, size: entry.size, work: entry.work, timeMs: entry.timeMs, reasons: reasonNames(reasons), foundAtMs: (slot.readyAt ?? slot.startedAt) - t0 + entry.foundAtMs };
    kept.push(k);
    largestKept = Math.max(largestKept, k.size);
    if (o.useCorpus) {
      const file: CorpusFile = { version: 1, target: o.target.id, ...k, mode: o.mode, seed: o.seed };
      store(() => writeCorpusFile(dir, file));
    }
    o.exchange?.kept(k);
    for (const other of slots) if (other !== slot && other.ready) other.worker?.postMessage({ type: 'import', inputs: [entry.value] });
  };

  const launch = (slot: Slot) => {
    const first = slot.generation === 0;
    slot.startedAt = Date.now();
    slot.ready = false;
    slot.readyAt = undefined;
    slot.readyProbes = 0;
    // A fresh buffer: the one of a terminated worker still holds the start of its stuck execution.
    slot.watch = createWatchBuffer();
    slot.last = undefined;
    // A replacement starts from everything kept so far, so nothing the campaign learned is lost.
    const initial = first ? previous.map((p) => p.input) : [...previous.map((p) => p.input), ...imported.map((i) => i.input), ...kept.map((k) => k.input)];
    const execs = o.execs === undefined ? undefined : Math.max(0, Math.ceil(o.execs / n) - slot.past.execs);
    const { worker, exited } = startWorker(
      {
        kind: 'fuzz',
        targetFile: o.target.file,
        globs: o.target.instrument,
        baseDir: o.target.dir,
        watch: slot.watch,
        extras: o.constraints,
        deadline: Number.isFinite(deadline) ? deadline : undefined,
        options: {
          timeMs: Number.isFinite(deadline) ? undefined : o.timeMs,
          mode: o.mode,
          seed: o.seed + slot.index + 1000 * slot.generation,
          execs,
          timeFeedback: o.timeFeedback,
          reservoir: slot.index === 0 ? o.reservoir : undefined,
          initial,
          hints: first ? undefined : [...regexes.hints],
          // A replacement runs the regex attacks again, but not the ones that already hung or ran out of memory.
          skipInputs: first ? undefined : findings.filter((f) => (f.kind === 'hang' || f.kind === 'oom') && f.input !== undefined).map((f) => f.input),
        },
      },
      (m) => {
        switch (m.type) {
          case 'ready':
            slot.ready = true;
            slot.readyAt = Date.now();
            slot.readyProbes = m.probes;
            loadMs = Math.max(loadMs, slot.readyAt - slot.startedAt);
            {
              // What came from elsewhere while this worker loaded (a replacement has older ones already).
              const missed = imported.filter((i) => i.at >= slot.startedAt).map((i) => i.input);
              if (missed.length > 0) worker.postMessage({ type: 'import', inputs: missed });
            }
            if (first && o.timeMs !== undefined) deadline = Math.max(Number.isFinite(deadline) ? deadline : 0, slot.readyAt + o.timeMs);
            break;
          case 'keep':
            onKeep(slot, m.entry, m.reasons);
            break;
          case 'status':
            onStatus(slot, m.status);
            break;
          case 'regexes':
            regexes.add(m.regexes);
            break;
          case 'target-error':
            // A target that leaves the process is a finding whatever the flags: it would end any caller.
            if (o.keepErrors || m.key.startsWith(`${TARGET_EXIT}:`)) record('error', m.key, m.input);
            break;
          case 'fuzz-done':
            slot.result = m.result;
            slot.ended = true;
            void worker.terminate();
            break;
          case 'error':
            slot.failure = m.message;
            void worker.terminate();
            break;
        }
      },
      o.memoryMb,
    );
    slot.worker = worker;
    slot.suspect = undefined;
    slot.hanging = false;
    exited
      .catch(async (e: Error & { code?: string }) => {
        if (slot.worker !== worker) return; // already replaced by the watchdog
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          ooms++;
          const { input, known } = await suspectInput(slot);
          record('oom', `out of memory (limit ${o.memoryMb ?? 'default'} MB)`, known ? input : undefined);
          replace(slot);
        } else {
          slot.failure = `worker ${slot.index} crashed: ${e.message}`;
        }
      })
      .finally(() => {
        if (slot.worker === worker && !slot.ended && !slot.failure) {
          slot.failure ??= `worker ${slot.index} exited without a result`;
        }
        wake();
      });
  };

  /** Totals of the running (or stuck) generation: the call it is stuck in did not finish. */
  const current = (slot: Slot): Totals => {
    const calls = watchedCalls(slot.watch) - (watchedStart(slot.watch) !== 0 ? 1 : 0);
    // A result is exact (an execution budget is met exactly); calls only stand in for a lost worker.
    if (slot.result) return generationTotals(slot.result, slot.readyProbes, 0);
    return generationTotals(slot.last, slot.readyProbes, Math.max(0, calls));
  };
  const totals = (slot: Slot): Totals => addTotals(slot.past, current(slot));

  const onStatus = (slot: Slot, s: EngineStatus) => {
    const before = totals(slot);
    slot.last = s;
    if (s.growth && !(slot.growth && slot.growth.exponent >= s.growth.exponent)) slot.growth = s.growth;
    for (const key of s.regexReached ?? []) regexReached.add(key);
    if (s.execsPerSec > 0) slot.lastRate = s.execsPerSec;
    const after = totals(slot);
    if (after.bestWork > before.bestWork || after.bestTimeMs > before.bestTimeMs) {
      slot.history.push({ tMs: (slot.readyAt ?? slot.startedAt) - t0 + s.elapsedMs, execs: after.execs, bestWork: after.bestWork, bestTimeMs: after.bestTimeMs });
    }
  };

  const replace = (slot: Slot) => {
    const old = slot.worker;
    slot.past = totals(slot);
    // Counted in `past` now: the next generation starts from nothing.
    slot.last = undefined;
    slot.readyProbes = 0;
    slot.watch = createWatchBuffer();
    slot.generation++;
    slot.worker = undefined;
    if (old) {
      inspector.forget(old);
      void old.terminate();
    }
    // A replacement that could not load before the deadline would only find the time gone.
    const timeLeft = deadline - Date.now() > loadMs + MIN_SEARCH_MS;
    if (!stopping && timeLeft && (o.execs === undefined || slot.past.execs < Math.ceil(o.execs / n))) {
      launch(slot);
    } else {
      // This slot ends here: its kept inputs are stored, its counts are in `past`.
      slot.ended = true;
    }
    wake();
  };

  // The watchdog: fetch the input of a long execution; a worker past the limit is stuck.
  let lastStatus = 0;
  const timer = setInterval(() => {
    takeImports();
    for (const slot of slots) {
      const worker = slot.worker;
      if (!worker || slot.ended || slot.failure || slot.hanging) continue;
      const startedAt = watchedStart(slot.watch);
      if (startedAt === 0) continue;
      const ran = Date.now() - startedAt;
      if (ran > SUSPECT_AFTER_MS && slot.suspect?.startedAt !== startedAt) {
        slot.suspect = { startedAt, input: fetchInput(worker) };
      }
      if (ran > execTimeoutMs) {
        slot.hanging = true;
        hangs++;
        void slot.suspect!.input.then(({ input, known }) => {
          record('hang', `one execution ran longer than ${execTimeoutMs} ms`, known ? input : undefined, execTimeoutMs);
          if (slot.worker === worker) replace(slot);
        });
      }
    }
    if (Date.now() - lastStatus >= STATUS_EVERY_MS) {
      lastStatus = Date.now();
      o.onStatus?.(status());
    }
  }, WATCH_EVERY_MS);

  const status = (): CampaignStatus => {
    const elapsedMs = Date.now() - t0;
    const all = slots.map(totals);
    const workers = slots.map((s, i) => ({
      index: s.index,
      generation: s.generation,
      alive: !!s.worker && !s.ended,
      execs: all[i]!.execs,
      execsPerSec: s.last?.execsPerSec ?? 0,
    }));
    const max = (f: (t: Totals) => number) => Math.max(0, ...all.map(f));
    const execs = workers.reduce((a, w) => a + w.execs, 0);
    return {
      elapsedMs,
      execs,
      execsPerSec: workers.reduce((a, w) => a + (w.alive ? w.execsPerSec : 0), 0),
      corpus: kept.length + previous.length,
      bestWork: max((s) => s.bestWork),
      bestTimeMs: max((s) => s.bestTimeMs),
      covered: max((s) => s.covered),
      probes: max((s) => s.probes),
      errors: all.reduce((a, t) => a + t.errors, 0),
      rejected: all.reduce((a, t) => a + t.rejected, 0),
      lastFindMs: kept.length ? Math.max(...kept.slice(-1).map((k) => k.foundAtMs)) : 0,
      workers,
      hangs,
      ooms,
      largestKept,
      maxSize: o.target.maxSize,
    };
  };

  void o.stop?.then(() => {
    stopping = true;
    for (const s of slots) s.worker?.postMessage({ type: 'stop' });
  });
  for (const slot of slots) launch(slot);
  try {
    while (!slots.every((s) => s.ended || s.failure)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 250);
      });
    }
  } finally {
    regexes.stop();
    clearInterval(timer);
    for (const s of slots) void s.worker?.terminate();
  }
  const failed = slots.find((s) => s.failure && !s.ended);
  if (failed) throw new Error(failed.failure);
  const result = merge(slots, slots.map(totals), t0, { kept, findings, hangs, ooms, corpusDir: o.useCorpus ? path.relative(o.root, dir) : undefined, resumedFrom: previous.length, elapsedMs: Date.now() - t0 });
  for (const s of slots) for (const key of s.result?.regexReached ?? []) regexReached.add(key);
  result.regexes = regexes.withReach(regexReached);
  if (unsaved) result.unsaved = unsaved;
  if (o.constraints) result.constraints = constraintStats(o.constraints, kept.map((k) => ({ ...k, satisfies: satisfied.get(k.hash) ?? [] })));
  return result;
}

/**
 * One result for the campaign: sums of counts, the best of bests, one progress curve. Slots
 * whose last worker was replaced and not restarted have no result: their totals (last known
 * status of each generation) and kept inputs stand for them.
 */
function merge(
  slots: Slot[],
  totals: Totals[],
  t0: number,
  extra: Pick<CampaignResult, 'kept' | 'findings' | 'hangs' | 'ooms' | 'corpusDir' | 'resumedFrom'> & { elapsedMs: number },
): CampaignResult {
  const results = slots.flatMap((s) => (s.result ? [s.result] : []));
  const byWork = [...results].sort((a, b) => b.bestWork - a.bestWork)[0];
  // A replaced worker's best lives on in what it kept.
  const keptBest = [...extra.kept].sort((a, b) => b.work - a.work)[0];
  const bestFromKept = keptBest !== undefined && keptBest.work > (byWork?.bestWork ?? -1);
  const byTime = [...results].sort((a, b) => b.bestTimeMs - a.bestTimeMs)[0];
  const keptSlowest = [...extra.kept].sort((a, b) => b.timeMs - a.timeMs)[0];
  const slowFromKept = keptSlowest !== undefined && keptSlowest.timeMs > (byTime?.bestTimeMs ?? 0);
  const execs = totals.reduce((a, t) => a + t.execs, 0);
  const errorGroups: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.errorGroups)) errorGroups[k] = (errorGroups[k] ?? 0) + v;
  boundErrorGroups(errorGroups);
  // Engine times count from the engine's start, about when its worker reported ready.
  const finals = slots.flatMap((s) => (s.result?.progress ?? []).map((p) => ({ ...p, tMs: p.tMs + (s.readyAt ?? s.startedAt) - t0, execs: p.execs + s.past.execs })));
  const points = [...slots.flatMap((s) => s.history), ...finals].sort((a, b) => a.tMs - b.tMs);
  let bestWork = -1;
  let bestTimeMs = 0;
  let cumulative = 0;
  const progress: ProgressPoint[] = [];
  for (const p of points) {
    cumulative = Math.max(cumulative, p.execs);
    if (p.bestWork > bestWork || p.bestTimeMs > bestTimeMs) {
      bestWork = Math.max(bestWork, p.bestWork);
      bestTimeMs = Math.max(bestTimeMs, p.bestTimeMs);
      progress.push({ tMs: p.tMs, execs: p.execs, bestWork, bestTimeMs });
    }
  }
  return {
    ...extra,
    execs,
    execsPerSec: extra.elapsedMs > 0 ? (execs * 1000) / extra.elapsedMs : 0,
    searchExecsPerSec: slots.reduce((a, s) => a + (s.result?.execs ? s.result.execsPerSec : s.lastRate), 0),
    corpus: extra.kept.length + extra.resumedFrom,
    bestWork: bestFromKept ? keptBest.work : (byWork?.bestWork ?? -1),
    bestTimeMs: slowFromKept ? keptSlowest.timeMs : (byTime?.bestTimeMs ?? 0),
    bestWorkInput: bestFromKept ? keptBest.input : byWork?.bestWorkInput,
    bestTimeInput: slowFromKept ? keptSlowest.input : byTime?.bestTimeInput,
    covered: Math.max(0, ...totals.map((t) => t.covered)),
    probes: Math.max(0, ...totals.map((t) => t.probes)),
    errors: totals.reduce((a, t) => a + t.errors, 0),
    rejected: totals.reduce((a, t) => a + t.rejected, 0),
    lastFindMs: Math.max(0, ...extra.kept.map((k) => k.foundAtMs)),
    progress,
    errorGroups,
    executedSample: slots[0]!.result?.executedSample,
    sourceChars: results.find((r) => r.sourceChars?.length)?.sourceChars,
    growth: [...results.map((r) => r.growth), ...slots.map((s) => s.growth)].filter((g) => g !== undefined).sort((a, b) => b.exponent - a.exponent)[0],
    workers: slots.length,
  };
}
