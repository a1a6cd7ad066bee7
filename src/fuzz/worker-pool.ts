import type { Worker } from 'node:worker_threads';
import type { SourceRegex } from '../instrument/probe-kinds.js';
import type { CampaignOptions } from './campaign-types.js';
import type { EngineStatus } from './engine-types.js';
import { createWatchBuffer, CURRENT_INPUT_GLOBAL, watchedStart } from './exec-watch.js';
import type { FindingKind } from './findings.js';
import type { ParentMessage } from './protocol.js';
import type { RegexHint } from './regex-hints.js';
import type { Entry } from './scheduler.js';
import { startWorker } from './spawn.js';
import { WorkerInspector } from './worker-inspector.js';
import { newSlot, slotTotals, type Slot } from './worker-slot.js';

export type PoolOptions = Pick<CampaignOptions, 'target' | 'mode' | 'seed' | 'timeMs' | 'execs' | 'timeFeedback' | 'reservoir' | 'memoryMb' | 'constraints'> & {
  workers: number;
  execTimeoutMs: number;
};

/** What the pool asks of the campaign, and tells it, about its workers. */
export interface PoolHooks {
  /** Inputs a generation starts from: the resumed corpus, and for a replacement everything kept since. */
  initial(first: boolean): unknown[];
  /** For a replacement: the regex attacks known so far. */
  hints(): RegexHint[];
  /** For a replacement: inputs not to run again as regex attacks. */
  skipInputs(): unknown[];
  /** A worker has loaded the target (`startedAt`: when its generation began). */
  ready(worker: Worker, startedAt: number): void;
  keep(slot: Slot, entry: Omit<Entry, 'held'>, reasons: number): void;
  status(status: EngineStatus): void;
  regexes(regexes: SourceRegex[]): void;
  targetError(key: string, input: unknown): void;
  /** A hang or out-of-memory finding, with its input when it could be fetched. */
  finding(kind: FindingKind, detail: string, input: unknown | undefined, minTimeMs?: number): void;
}

/** An execution running this long has its input fetched, in case it never returns. */
const SUSPECT_AFTER_MS = 40;
/** A replacement is started only with at least this much search time left after it loads. */
const MIN_SEARCH_MS = 250;

/**
 * The campaign's worker threads, one per slot: starts them, and replaces a worker that hangs
 * (the watchdog) or runs out of memory, reporting its input as a finding.
 */
export class WorkerPool {
  readonly slots: Slot[];
  // The time budget is search time: it starts when the first workers have loaded the target (as
  // each first worker's engine counts it), so a replacement knows when the campaign ends.
  private deadline = Infinity;
  hangs = 0;
  ooms = 0;
  private stopping = false;
  private wake: () => void = () => {};
  /** The longest a worker took to load the target so far: a replacement needs as long. */
  private loadMs = 0;
  private readonly inspector = new WorkerInspector();

  constructor(
    private readonly o: PoolOptions,
    private readonly hooks: PoolHooks,
    private readonly t0: number,
  ) {
    this.slots = Array.from({ length: o.workers }, (_, index) => newSlot(index, t0));
  }

  /** The inspector that reads a stuck worker's input; before the first launch. */
  async startInspector(): Promise<void> {
    await this.inspector.start();
  }

  /** Sends a message to every worker, or only to those that have loaded the target (`ready`) other than `except`. */
  post(m: ParentMessage, only?: { ready: true; except?: Slot }): void {
    for (const s of this.slots) if (!only || (s !== only.except && s.ready)) s.worker?.postMessage(m);
  }

  private async fetchInput(worker: Worker): Promise<{ input?: unknown; known: boolean }> {
    const json = await this.inspector.evaluate(worker, `JSON.stringify(globalThis.${CURRENT_INPUT_GLOBAL})`);
    if (typeof json !== 'string') return { known: false };
    try {
      return { input: JSON.parse(json), known: true };
    } catch {
      return { known: false };
    }
  }

  /** The input of the execution running now, if the watchdog fetched it. */
  private async suspectInput(slot: Slot) {
    const started = watchedStart(slot.watch);
    if (!slot.suspect || slot.suspect.startedAt !== started) return { known: false, input: undefined };
    return slot.suspect.input;
  }

  /** Starts the slot's next generation (the first, or a replacement). */
  launch(slot: Slot): void {
    const o = this.o;
    const first = slot.generation === 0;
    slot.startedAt = Date.now();
    slot.ready = false;
    slot.readyAt = undefined;
    slot.readyProbes = 0;
    // A fresh buffer: the one of a terminated worker still holds the start of its stuck execution.
    slot.watch = createWatchBuffer();
    slot.last = undefined;
    // A replacement starts from everything kept so far, so nothing the campaign learned is lost.
    const initial = this.hooks.initial(first);
    const execs = o.execs === undefined ? undefined : Math.max(0, Math.ceil(o.execs / o.workers) - slot.past.execs);
    const { worker, exited } = startWorker(
      {
        kind: 'fuzz',
        targetFile: o.target.file,
        globs: o.target.instrument,
        baseDir: o.target.dir,
        watch: slot.watch,
        extras: o.constraints,
        deadline: Number.isFinite(this.deadline) ? this.deadline : undefined,
        options: {
          timeMs: Number.isFinite(this.deadline) ? undefined : o.timeMs,
          mode: o.mode,
          seed: o.seed + slot.index + 1000 * slot.generation,
          execs,
          timeFeedback: o.timeFeedback,
          reservoir: slot.index === 0 ? o.reservoir : undefined,
          initial,
          hints: first ? undefined : this.hooks.hints(),
          // A replacement runs the regex attacks again, but not the ones that already hung or ran out of memory.
          skipInputs: first ? undefined : this.hooks.skipInputs(),
        },
      },
      (m) => {
        switch (m.type) {
          case 'ready':
            slot.ready = true;
            slot.readyAt = Date.now();
            slot.readyProbes = m.probes;
            this.loadMs = Math.max(this.loadMs, slot.readyAt - slot.startedAt);
            this.hooks.ready(worker, slot.startedAt);
            if (first && o.timeMs !== undefined) this.deadline = Math.max(Number.isFinite(this.deadline) ? this.deadline : 0, slot.readyAt + o.timeMs);
            break;
          case 'keep':
            this.hooks.keep(slot, m.entry, m.reasons);
            break;
          case 'status':
            this.onStatus(slot, m.status);
            break;
          case 'regexes':
            this.hooks.regexes(m.regexes);
            break;
          case 'target-error':
            this.hooks.targetError(m.key, m.input);
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
          this.ooms++;
          const { input, known } = await this.suspectInput(slot);
          this.hooks.finding('oom', `out of memory (limit ${o.memoryMb ?? 'default'} MB)`, known ? input : undefined);
          this.replace(slot);
        } else {
          slot.failure = `worker ${slot.index} crashed: ${e.message}`;
        }
      })
      .finally(() => {
        if (slot.worker === worker && !slot.ended && !slot.failure) {
          slot.failure ??= `worker ${slot.index} exited without a result`;
        }
        this.wake();
      });
  }

  private onStatus(slot: Slot, s: EngineStatus): void {
    const before = slotTotals(slot);
    slot.last = s;
    if (s.growth && !(slot.growth && slot.growth.exponent >= s.growth.exponent)) slot.growth = s.growth;
    this.hooks.status(s);
    if (s.execsPerSec > 0) slot.lastRate = s.execsPerSec;
    const after = slotTotals(slot);
    if (after.bestWork > before.bestWork || after.bestTimeMs > before.bestTimeMs) {
      slot.history.push({ tMs: (slot.readyAt ?? slot.startedAt) - this.t0 + s.elapsedMs, execs: after.execs, bestWork: after.bestWork, bestTimeMs: after.bestTimeMs });
    }
  }
  /** Ends the slot's worker and starts a replacement while time and executions are left. */
  private replace(slot: Slot): void {
    const old = slot.worker;
    slot.past = slotTotals(slot);
    // Counted in `past` now: the next generation starts from nothing.
    slot.last = undefined;
    slot.readyProbes = 0;
    slot.watch = createWatchBuffer();
    slot.generation++;
    slot.worker = undefined;
    if (old) {
      this.inspector.forget(old);
      void old.terminate();
    }
    // A replacement that could not load before the deadline would only find the time gone.
    const timeLeft = this.deadline - Date.now() > this.loadMs + MIN_SEARCH_MS;
    if (!this.stopping && timeLeft && (this.o.execs === undefined || slot.past.execs < Math.ceil(this.o.execs / this.o.workers))) {
      this.launch(slot);
    } else {
      // This slot ends here: its kept inputs are stored, its counts are in `past`.
      slot.ended = true;
    }
    this.wake();
  }

  /** The watchdog: fetch the input of a long execution; a worker past the limit is stuck. */
  watch(): void {
    const execTimeoutMs = this.o.execTimeoutMs;
    for (const slot of this.slots) {
      const worker = slot.worker;
      if (!worker || slot.ended || slot.failure || slot.hanging) continue;
      const startedAt = watchedStart(slot.watch);
      if (startedAt === 0) continue;
      const ran = Date.now() - startedAt;
      if (ran > SUSPECT_AFTER_MS && slot.suspect?.startedAt !== startedAt) {
        slot.suspect = { startedAt, input: this.fetchInput(worker) };
      }
      if (ran > execTimeoutMs) {
        slot.hanging = true;
        this.hangs++;
        void slot.suspect!.input.then(({ input, known }) => {
          this.hooks.finding('hang', `one execution ran longer than ${execTimeoutMs} ms`, known ? input : undefined, execTimeoutMs);
          if (slot.worker === worker) this.replace(slot);
        });
      }
    }
  }

  /** Asks every worker to stop; none is replaced from now on. */
  stop(): void {
    this.stopping = true;
    this.post({ type: 'stop' });
  }

  /** Resolves when every slot has ended or failed. */
  async settled(): Promise<void> {
    while (!this.slots.every((s) => s.ended || s.failure)) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 250);
      });
    }
  }

  terminate(): void {
    for (const s of this.slots) void s.worker?.terminate();
  }
}
