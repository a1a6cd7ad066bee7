import type { Redis } from 'ioredis';
import type { FindingFile } from '../fuzz/findings.js';
import { MAX_STREAM, targetKeys, type TargetKeys } from './keys.js';
import type { SharedEntry } from './entry.js';

/**
 * Stores an input once (the first host to announce a content hash wins), announces it on the
 * stream and merges the target's bests with max, in one atomic step: a reader that sees the
 * stream entry finds the input in the hash, and Redis' append-only file has all three or none.
 */
const ANNOUNCE = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'hash', ARGV[1], 'host', ARGV[4], 'work', ARGV[5])
local function raise(field, value)
  local current = tonumber(redis.call('HGET', KEYS[3], field) or '-1')
  if tonumber(value) > current then redis.call('HSET', KEYS[3], field, value) end
end
raise('work', ARGV[5])
raise('timeMs', ARGV[6])
raise('lastFindAt', ARGV[7])
return 1
`;

export interface Announcement {
  /** Stream entry id (milliseconds-sequence). */
  id: string;
  hash: string;
  host: string;
  work: number;
}

export interface Best {
  work: number;
  timeMs: number;
  lastFindAt: number;
}

/** One target's shared corpus in Redis. */
export class SharedCorpus {
  readonly keys: TargetKeys;

  constructor(
    private readonly redis: Redis,
    readonly targetId: string,
  ) {
    this.keys = targetKeys(targetId);
  }

  /** Stores and announces entries; resolves once Redis has them all. Returns how many were new. */
  async announce(entries: SharedEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const pipeline = this.redis.pipeline();
    const k = this.keys;
    for (const e of entries) {
      pipeline.eval(ANNOUNCE, 3, k.corpus, k.stream, k.best, e.hash, JSON.stringify(e), MAX_STREAM, e.host, e.work, e.timeMs, e.at);
    }
    const replies = (await pipeline.exec()) ?? [];
    let added = 0;
    for (const [error, reply] of replies) {
      if (error) throw error;
      added += reply === 1 ? 1 : 0;
    }
    return added;
  }

  async announceFindings(findings: FindingFile[]): Promise<void> {
    if (findings.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const f of findings) pipeline.hsetnx(this.keys.findings, f.hash, JSON.stringify(f));
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  /** The id of the newest stream entry ('0' when there is none): read the stream after it. */
  async streamEnd(): Promise<string> {
    const last = await this.redis.xrevrange(this.keys.stream, '+', '-', 'COUNT', 1);
    return last[0]?.[0] ?? '0';
  }

  /**
   * Announcements after `after`, waiting up to `blockMs` for one. `reader` must be a connection of
   * its own: XREAD BLOCK holds it.
   */
  async readAfter(reader: Redis, after: string, blockMs: number, count = 500): Promise<Announcement[]> {
    const reply = await reader.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.keys.stream, after);
    return parseStream(reply?.[0]?.[1] ?? []);
  }

  /** Every announcement still in the stream, oldest first. */
  async announcements(): Promise<Announcement[]> {
    return parseStream(await this.redis.xrange(this.keys.stream, '-', '+'));
  }

  /** The stored text of some inputs, by hash (undefined for a hash not stored). */
  async texts(hashes: string[]): Promise<(string | undefined)[]> {
    if (hashes.length === 0) return [];
    return (await this.redis.hmget(this.keys.corpus, ...hashes)).map((t) => t ?? undefined);
  }

  /** Every stored input as text, by hash, read in batches (HSCAN) so a large corpus does not block Redis. */
  async *all(): AsyncGenerator<[hash: string, text: string]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.keys.corpus, cursor, 'COUNT', 200);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i]!, flat[i + 1]!];
    } while (cursor !== '0');
  }

  async size(): Promise<number> {
    return this.redis.hlen(this.keys.corpus);
  }

  async findings(): Promise<string[]> {
    return this.redis.hvals(this.keys.findings);
  }

  async best(): Promise<Best> {
    const b = await this.redis.hgetall(this.keys.best);
    return { work: Number(b.work ?? -1), timeMs: Number(b.timeMs ?? 0), lastFindAt: Number(b.lastFindAt ?? 0) };
  }
}

function parseStream(entries: [id: string, fields: string[]][]): Announcement[] {
  return entries.map(([id, fields]) => {
    const f: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    return { id, hash: f.hash ?? '', host: f.host ?? '', work: Number(f.work ?? 0) };
  });
}
