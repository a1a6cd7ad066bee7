import type { Redis } from 'ioredis';
import type { CampaignExchange, Kept } from '../fuzz/campaign-types.js';
import type { FindingFile } from '../fuzz/findings.js';
import { maskCredentials } from '../llm/types.js';
import type { Target } from '../target/load.js';
import { decodeEntry, type SharedEntry } from './entry.js';
import { isReady } from './connect.js';
import type { SharedCorpus } from './shared-corpus.js';

export interface ExchangeOptions {
  target: Target;
  corpus: SharedCorpus;
  /** For commands; fails at once while Redis is unreachable. */
  redis: Redis;
  /** A connection of its own for XREAD BLOCK. */
  reader: Redis;
  host: string;
  mode: string;
  seed: number;
  /** Read the stream after this id (see SharedCorpus.streamEnd). */
  after: string;
  /** How long Redis may stay unreachable before the job gives up. */
  offlineLimitMs: number;
  /** Hashes this host already has (its starting corpus): not imported again. */
  known: Set<string>;
  warn: (message: string) => void;
  /** Where Redis is, for messages (password masked). */
  where: string;
}

const FLUSH_EVERY_MS = 200;
/** XREAD waits at most this long, so a stopping job never waits longer. */
const READ_BLOCK_MS = 1000;

/**
 * Connects a running campaign to the fleet. What it keeps goes to an outbox that is written to
 * Redis in batches; what other hosts announce is read from the stream, checked, and handed to the
 * campaign. While Redis is unreachable the search goes on, the outbox grows, and both loops
 * retry; past the offline limit `failed` resolves with the reason, and the job stops.
 */
export class FleetExchange implements CampaignExchange {
  private outbox: SharedEntry[] = [];
  private findingsOut: FindingFile[] = [];
  private inbox: unknown[] = [];
  private after: string;
  private closed = false;
  private offlineSince: number | undefined;
  private failure: string | undefined;
  private resolveFailed!: (reason: string) => void;
  /** Resolves with the reason when Redis stayed unreachable past the limit. */
  readonly failed = new Promise<string>((r) => (this.resolveFailed = r));
  private readonly loops: Promise<void>[];
  /** Counts for the job's summary. */
  announced = 0;
  imported = 0;
  refused = 0;

  constructor(private readonly o: ExchangeOptions) {
    this.after = o.after;
    this.loops = [this.flushLoop(), this.readLoop()];
  }

  kept(k: Kept): void {
    this.outbox.push({ version: 1, target: this.o.target.id, ...k, mode: this.o.mode, seed: this.o.seed, host: this.o.host, at: Date.now() });
  }

  /** Entries to announce that did not come from this campaign (a local corpus Redis lacks). */
  queue(entries: SharedEntry[]): void {
    this.outbox.push(...entries);
  }

  finding(f: FindingFile): void {
    this.findingsOut.push(f);
  }

  take(): unknown[] {
    return this.inbox.splice(0);
  }

  /** Announcements not yet in Redis. */
  pending(): number {
    return this.outbox.length + this.findingsOut.length;
  }

  /**
   * Stops reading, then writes what is left; resolves once Redis has every announcement (a job
   * is acknowledged only after this), or rejects past the offline limit, naming what is unsent.
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.loops);
    while (this.pending() > 0) {
      if (this.failure) throw new Error(`${this.failure}; ${this.pending()} announcements not sent (they are in the local corpus folder)`);
      if (!(await this.flush())) await sleep(FLUSH_EVERY_MS);
    }
  }

  /** Writes the outbox; false when Redis could not take it (kept for the next try). */
  private async flush(): Promise<boolean> {
    const entries = this.outbox.slice();
    const findings = this.findingsOut.slice();
    if (entries.length + findings.length === 0) return true;
    try {
      // A pipeline sent while the connection is down waits for it instead of failing: not sent.
      if (!isReady(this.o.redis)) throw new Error(`connection ${this.o.redis.status}`);
      if (entries.length > 0) await withTimeout(this.o.corpus.announce(entries), COMMAND_TIMEOUT_MS);
      this.outbox.splice(0, entries.length);
      this.announced += entries.length;
      if (findings.length > 0) await withTimeout(this.o.corpus.announceFindings(findings), COMMAND_TIMEOUT_MS);
      this.findingsOut.splice(0, findings.length);
      this.reachable();
      return true;
    } catch (e) {
      this.unreachable(e as Error);
      return false;
    }
  }

  private async flushLoop(): Promise<void> {
    while (!this.closed && !this.failure) {
      await this.flush();
      await sleep(FLUSH_EVERY_MS);
    }
  }

  private async readLoop(): Promise<void> {
    while (!this.closed && !this.failure) {
      try {
        if (!isReady(this.o.reader)) throw new Error(`connection ${this.o.reader.status}`);
        const news = await withTimeout(this.o.corpus.readAfter(this.o.reader, this.after, READ_BLOCK_MS), READ_BLOCK_MS + COMMAND_TIMEOUT_MS);
        if (news.length > 0) this.after = news[news.length - 1]!.id;
        const wanted = news.filter((a) => a.host !== this.o.host && !this.o.known.has(a.hash));
        const texts = await withTimeout(this.o.corpus.texts(wanted.map((a) => a.hash)), COMMAND_TIMEOUT_MS);
        wanted.forEach((a, i) => this.receive(a.hash, texts[i]));
        this.reachable();
      } catch (e) {
        this.unreachable(e as Error);
        await sleep(READ_BLOCK_MS);
      }
    }
  }

  private receive(hash: string, text: string | undefined): void {
    this.o.known.add(hash);
    if (text === undefined) return;
    try {
      this.inbox.push(decodeEntry(text, this.o.target, `${this.o.where} ${this.o.corpus.keys.corpus} ${hash}`).input);
      this.imported++;
    } catch (e) {
      this.refused++;
      this.o.warn(`refused an input from Redis: ${(e as Error).message}`);
    }
  }

  private reachable(): void {
    if (this.offlineSince !== undefined) this.o.warn(`Redis at ${this.o.where} is reachable again; sending ${this.pending()} announcements`);
    this.offlineSince = undefined;
  }

  private unreachable(e: Error): void {
    const now = Date.now();
    if (this.offlineSince === undefined) {
      this.offlineSince = now;
      this.o.warn(`cannot reach Redis at ${this.o.where} (${maskCredentials(e.message)}); searching on and retrying for up to ${Math.round(this.o.offlineLimitMs / 1000)} s`);
    } else if (!this.failure && now - this.offlineSince > this.o.offlineLimitMs) {
      this.failure = `Redis at ${this.o.where} unreachable for ${Math.round((now - this.offlineSince) / 1000)} s (limit ${Math.round(this.o.offlineLimitMs / 1000)} s, --offline-limit)`;
      this.resolveFailed(this.failure);
    }
  }
}

/**
 * A command sent as the connection dies may never be answered nor rejected: past this it counts
 * as failed, and what it carried is sent again (announcing twice is harmless: HSETNX).
 */
const COMMAND_TIMEOUT_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
