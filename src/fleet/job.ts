import type { Redis } from 'ioredis';
import { runCampaign } from '../fuzz/campaign.js';
import type { CampaignStatus } from '../fuzz/campaign-types.js';
import type { SearchMode } from '../fuzz/engine-types.js';
import { activeConstraints } from '../constraints/ensure.js';
import { readConstraintsFile } from '../constraints/format.js';
import { loadTarget } from '../target/load.js';
import { FleetExchange } from './exchange.js';
import { syncLocalCorpus } from './local-corpus.js';
import { SharedCorpus } from './shared-corpus.js';
import { writeHostStatus, clearHostStatus } from './host-status.js';

/** One BullMQ job: a slice of a target's time budget, with its own seed. */
export interface SliceJob {
  /** The target as `fleet start` named it: an id under targets/ or a path. */
  ref: string;
  id: string;
  sliceMs: number;
  seed: number;
  mode: SearchMode;
  /** Which slice of how many, for status lines. */
  slice: number;
  slices: number;
}

/** What a slice did: the job's return value, and an entry of the target's runs in Redis. */
export interface SliceResult {
  jobId: string;
  host: string;
  execs: number;
  elapsedMs: number;
  searchExecsPerSec: number;
  bestWork: number;
  bestTimeMs: number;
  kept: number;
  announced: number;
  imported: number;
  refused: number;
  fetched: number;
  hangs: number;
  ooms: number;
  errors: number;
  rejected: number;
  probes: number;
  covered: number;
  errorGroups: Record<string, number>;
  finishedAt: number;
}

export interface SliceContext {
  jobId: string;
  redis: Redis;
  reader: Redis;
  where: string;
  host: string;
  root: string;
  workers: number;
  execTimeoutMs: number;
  memoryMb: number;
  offlineLimitMs: number;
  warn: (message: string) => void;
  /** Resolves when the worker process is asked to stop (Ctrl-C, SIGTERM). */
  stop: Promise<void>;
}

/**
 * Runs one slice as an ordinary campaign on this host: the local corpus folder is first brought
 * level with the shared corpus, the campaign exchanges inputs with the fleet while it runs, and
 * the job completes only once every input it kept is in Redis.
 */
export async function runSlice(job: SliceJob, c: SliceContext): Promise<SliceResult> {
  const target = await loadTarget(job.ref);
  if (target.id !== job.id) throw new Error(`${job.ref} is target ${target.id} on this host, but the job is for ${job.id}: the hosts have different checkouts`);
  const shared = new SharedCorpus(c.redis, target.id);
  // The stream's end before the corpus is read: whatever comes after is read from the stream.
  const after = await shared.streamEnd();
  const synced = await syncLocalCorpus(shared, target, c.root, c.host, c.where, c.warn);
  const exchange = new FleetExchange({
    target,
    corpus: shared,
    redis: c.redis,
    reader: c.reader,
    host: c.host,
    mode: job.mode,
    seed: job.seed,
    after,
    offlineLimitMs: c.offlineLimitMs,
    known: synced.known,
    warn: c.warn,
    where: c.where,
  });
  exchange.queue(synced.localOnly);
  const file = readConstraintsFile(c.root, target.id);
  let latest: CampaignStatus | undefined;
  const statusTimer = setInterval(() => {
    if (latest) void writeHostStatus(c.redis, target.id, { host: c.host, jobId: c.jobId, slice: job.slice, slices: job.slices, at: Date.now(), ...pickStatus(latest) }).catch(() => {});
  }, 1000);
  let result;
  try {
    result = await runCampaign({
      target,
      mode: job.mode,
      seed: job.seed,
      timeMs: job.sliceMs,
      workers: c.workers,
      execTimeoutMs: c.execTimeoutMs,
      memoryMb: c.memoryMb,
      root: c.root,
      useCorpus: true,
      timeFeedback: true,
      constraints: file ? activeConstraints(target, file, c.warn) : undefined,
      exchange,
      onStatus: (s) => (latest = s),
      stop: Promise.race([c.stop, exchange.failed.then(() => {})]),
      warn: c.warn,
    });
  } catch (e) {
    // A campaign that failed still announces what it kept, and stops exchanging.
    await exchange.close().catch(() => {});
    throw e;
  } finally {
    clearInterval(statusTimer);
    await clearHostStatus(c.redis, target.id, c.host).catch(() => {});
  }
  // Announce before acknowledging: a host killed after this point has lost nothing.
  await exchange.close();
  return {
    jobId: c.jobId,
    host: c.host,
    execs: result.execs,
    elapsedMs: result.elapsedMs,
    searchExecsPerSec: result.searchExecsPerSec,
    bestWork: result.bestWork,
    bestTimeMs: result.bestTimeMs,
    kept: result.kept.length,
    announced: exchange.announced,
    imported: exchange.imported,
    refused: exchange.refused + synced.refused,
    fetched: synced.fetched,
    hangs: result.hangs,
    ooms: result.ooms,
    errors: result.errors,
    rejected: result.rejected,
    probes: result.probes,
    covered: result.covered,
    errorGroups: result.errorGroups,
    finishedAt: Date.now(),
  };
}

function pickStatus(s: CampaignStatus) {
  return { execs: s.execs, execsPerSec: s.execsPerSec, bestWork: s.bestWork, bestTimeMs: s.bestTimeMs, hangs: s.hangs, corpus: s.corpus };
}
