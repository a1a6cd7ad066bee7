/**
 * Redis keys of a fleet. A target's keys share a hash tag (`{id}`) so the scripts that touch
 * several of them also run on Redis Cluster.
 */
export const QUEUE_NAME = 'wedge-fleet';
/** Hash: target id → the target as `fleet start` named it (what workers load). */
export const TARGETS_KEY = 'wedge:targets';

export interface TargetKeys {
  /** Hash: content hash → the stored input (JSON, see entry.ts). */
  corpus: string;
  /** Stream: one entry per new input (hash, host, work), trimmed to about MAX_STREAM entries. */
  stream: string;
  /** Hash: best work, best time, last find (epoch ms), merged with max. */
  best: string;
  /** Hash: content hash → a hang, out-of-memory or error finding (JSON). */
  findings: string;
  /** Hash: host → its latest status (JSON, with when it was written). */
  hosts: string;
  /** Hash: job id → what its campaign did (JSON), written when the job completes. */
  runs: string;
}

export function targetKeys(id: string): TargetKeys {
  const base = `wedge:{${id}}`;
  return {
    corpus: `${base}:corpus`,
    stream: `${base}:stream`,
    best: `${base}:best`,
    findings: `${base}:findings`,
    hosts: `${base}:hosts`,
    runs: `${base}:runs`,
  };
}

/**
 * Stream entries kept (approximately: MAXLEN ~). A job that falls further behind than this misses
 * announcements in the stream, not inputs: every input stays in the corpus hash, which a job reads
 * whole when it starts.
 */
export const MAX_STREAM = 10_000;
