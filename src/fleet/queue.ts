import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ's own connections, from the URL (TLS and password included). BullMQ needs commands to
 * wait through a reconnect (maxRetriesPerRequest null); ours fail fast instead (connect.ts).
 */
export function bullConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(2000, 100 * times) };
}

/** Loaded on demand: nothing of BullMQ is loaded by a local campaign. */
export async function bullmq(): Promise<typeof import('bullmq')> {
  return import('bullmq');
}
