import type { Worker } from 'node:worker_threads';
import type { EngineResult, EngineStatus, ProgressPoint } from './engine-types.js';
import { createWatchBuffer, watchedCalls, watchedStart } from './exec-watch.js';
import type { GrowthFinding } from './pump-search.js';
import { addTotals, generationTotals, NO_TOTALS, type Totals } from './slot-totals.js';

/** One worker's place in a campaign, held across the generations that replace a stuck worker. */
export interface Slot {
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

export function newSlot(index: number, t0: number): Slot {
  return {
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
  };
}

/** Totals of the running (or stuck) generation: the call it is stuck in did not finish. */
function current(slot: Slot): Totals {
  const calls = watchedCalls(slot.watch) - (watchedStart(slot.watch) !== 0 ? 1 : 0);
  // A result is exact (an execution budget is met exactly); calls only stand in for a lost worker.
  if (slot.result) return generationTotals(slot.result, slot.readyProbes, 0);
  return generationTotals(slot.last, slot.readyProbes, Math.max(0, calls));
}

/** Totals of every generation of the slot. */
export function slotTotals(slot: Slot): Totals {
  return addTotals(slot.past, current(slot));
}
