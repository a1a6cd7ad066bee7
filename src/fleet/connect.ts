import type { Redis, RedisOptions } from 'ioredis';
import { maskCredentials } from '../llm/types.js';

/** The Redis URL with its password (and user name) replaced by `***`: it goes into logs. */
export function describeRedis(url: string): string {
  return maskCredentials(url);
}

/** Refuses anything but redis:// and rediss:// (TLS), naming the URL without its password. */
export function checkRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--redis ${describeRedis(url)}: not a URL; write redis://HOST:PORT or rediss://HOST:PORT (TLS)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`--redis ${describeRedis(url)}: the scheme must be redis:// or rediss:// (TLS), not ${parsed.protocol}//`);
  }
  return url;
}

/**
 * One connection. `blocking` is for BullMQ and XREAD BLOCK: commands wait through a reconnect.
 * Otherwise a command fails at once while Redis is unreachable, so the caller keeps its data and
 * retries on its own schedule instead of piling commands up in memory.
 */
export async function openRedis(url: string, role: 'blocking' | 'commands'): Promise<Redis> {
  // Loaded here only: a local campaign never loads the Redis client.
  const { Redis } = await import('ioredis');
  const options: RedisOptions = {
    lazyConnect: true,
    connectionName: `wedge-${role}`,
    // Reconnect forever, at most every 2 s: the fleet decides when an outage is too long.
    retryStrategy: (times) => Math.min(2000, 100 * times),
    ...(role === 'blocking' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 0, enableOfflineQueue: false }),
  };
  const redis = new Redis(url, options);
  // Without a listener ioredis prints every failed reconnect (with the URL) to stderr.
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${describeRedis(url)}: ${maskCredentials((e as Error).message)}`);
  }
  return redis;
}

/** Waits until a connection is usable again (ioredis reconnects on its own). */
export function isReady(redis: Redis): boolean {
  return redis.status === 'ready';
}
