import type { Redis } from 'ioredis';
import { targetKeys } from './keys.js';

/** What a host searching a target last said about itself (written every second). */
export interface HostStatus {
  host: string;
  jobId: string;
  slice: number;
  slices: number;
  /** Epoch ms when written: an old one is a host that died or lost Redis. */
  at: number;
  execs: number;
  execsPerSec: number;
  bestWork: number;
  bestTimeMs: number;
  hangs: number;
  corpus: number;
}

/** A status older than this is not a host working (it died, or cannot reach Redis). */
export const HOST_STALE_MS = 5000;

export async function writeHostStatus(redis: Redis, targetId: string, s: HostStatus): Promise<void> {
  await redis.hset(targetKeys(targetId).hosts, s.host, JSON.stringify(s));
}

export async function clearHostStatus(redis: Redis, targetId: string, host: string): Promise<void> {
  await redis.hdel(targetKeys(targetId).hosts, host);
}

/** Hosts whose status is fresh. */
export async function readHostStatus(redis: Redis, targetId: string, now = Date.now()): Promise<HostStatus[]> {
  const all = await redis.hvals(targetKeys(targetId).hosts);
  const out: HostStatus[] = [];
  for (const text of all) {
    try {
      const s = JSON.parse(text) as HostStatus;
      if (now - s.at <= HOST_STALE_MS) out.push(s);
    } catch {
      // Not ours to read: ignored.
    }
  }
  return out;
}
