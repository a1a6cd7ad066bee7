import path from 'node:path';
import { OPTIONS } from '../core/options.js';
import { corpusDir, readCorpus, removeTemporaries } from './corpus.js';
import { findingsDir } from './findings.js';
import { constraintStats } from './constraint-stats.js';
import { RegexAnalyzer } from './regex-hints.js';
import { TARGET_EXIT } from './target-guards.js';
import type { CampaignOptions, CampaignResult } from './campaign-types.js';
import { CampaignStore } from './campaign-store.js';
import { campaignStatus, merge } from './campaign-result.js';
import { WorkerPool } from './worker-pool.js';
import { slotTotals } from './worker-slot.js';

const WATCH_EVERY_MS = 20;
const STATUS_EVERY_MS = 100;

/**
 * Runs one search campaign on worker threads. The main thread stores what the workers keep as
 * they keep it, forwards each new input to the other workers, and replaces a worker that hangs
 * or runs out of memory, keeping its input as a finding.
 */
export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const warn = o.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const n = Math.max(1, o.workers ?? 1);
  const execTimeoutMs = o.execTimeoutMs ?? OPTIONS.execTimeout.default;
  const dir = corpusDir(o.root, o.target.id);
  if (o.useCorpus) for (const d of [dir, findingsDir(dir)]) removeTemporaries(d);
  const previous = o.useCorpus ? readCorpus(dir, warn) : [];
  const t0 = Date.now();
  const store = new CampaignStore({ ...o, dir, warn }, previous, t0);

  // Regexes the workers report are analysed here, off the search threads; attacks go back to all.
  const regexReached = new Set<string>();
  const pool: WorkerPool = new WorkerPool({ ...o, workers: n, execTimeoutMs }, {
    initial: (first) => store.initial(first),
    hints: () => [...regexes.hints],
    skipInputs: () => store.faultInputs(),
    ready: (worker, startedAt) => {
      // What came from elsewhere while this worker loaded (a replacement has older ones already).
      const missed = store.importedSince(startedAt);
      if (missed.length > 0) worker.postMessage({ type: 'import', inputs: missed });
    },
    keep: (slot, entry, reasons) => {
      if (store.keep(entry, reasons, slot.readyAt ?? slot.startedAt)) pool.post({ type: 'import', inputs: [entry.value] }, { ready: true, except: slot });
    },
    status: (s) => {
      for (const key of s.regexReached ?? []) regexReached.add(key);
    },
    regexes: (r) => regexes.add(r),
    // A target that leaves the process is a finding whatever the flags: it would end any caller.
    targetError: (key, input) => {
      if (o.keepErrors || key.startsWith(`${TARGET_EXIT}:`)) store.record('error', key, input);
    },
    finding: (kind, detail, input, minTimeMs) => store.record(kind, detail, input, minTimeMs),
  }, t0);
  const regexes = new RegexAnalyzer((hint) => pool.post({ type: 'hints', hints: [hint] }), warn);
  await pool.startInspector();

  const status = () =>
    campaignStatus(pool.slots, pool.slots.map(slotTotals), t0, {
      kept: store.kept,
      resumed: previous.length,
      hangs: pool.hangs,
      ooms: pool.ooms,
      largestKept: store.largestKept,
      maxSize: o.target.maxSize,
    });
  let lastStatus = 0;
  const timer = setInterval(() => {
    const fresh = store.takeImports();
    if (fresh.length > 0) pool.post({ type: 'import', inputs: fresh }, { ready: true });
    pool.watch();
    if (Date.now() - lastStatus >= STATUS_EVERY_MS) {
      lastStatus = Date.now();
      o.onStatus?.(status());
    }
  }, WATCH_EVERY_MS);

  void o.stop?.then(() => pool.stop());
  const slots = pool.slots;
  for (const slot of slots) pool.launch(slot);
  try {
    await pool.settled();
  } finally {
    regexes.stop();
    clearInterval(timer);
    pool.terminate();
  }
  const failed = slots.find((s) => s.failure && !s.ended);
  if (failed) throw new Error(failed.failure);
  const kept = store.kept;
  const result = merge(slots, slots.map(slotTotals), t0, { kept, findings: store.findings, hangs: pool.hangs, ooms: pool.ooms, corpusDir: o.useCorpus ? path.relative(o.root, dir) : undefined, resumedFrom: previous.length, elapsedMs: Date.now() - t0 });
  for (const s of slots) for (const key of s.result?.regexReached ?? []) regexReached.add(key);
  result.regexes = regexes.withReach(regexReached);
  if (store.unsaved) result.unsaved = store.unsaved;
  if (o.constraints) result.constraints = constraintStats(o.constraints, kept.map((k) => ({ ...k, satisfies: store.satisfied.get(k.hash) ?? [] })));
  return result;
}
