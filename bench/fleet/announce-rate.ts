import type { Redis } from 'ioredis';
import { inputHash } from '../../src/fuzz/corpus.js';
import type { SharedEntry } from '../../src/fleet/entry.js';
import { SharedCorpus } from '../../src/fleet/shared-corpus.js';

export interface AnnounceRate {
  clients: number;
  batch: number;
  perSec: number;
}

/**
 * New inputs one Redis stores and announces per second (the announce script: HSETNX, XADD with
 * approximate trimming, max-merge of the bests), from `clients` connections each sending
 * `batch` entries per round trip, as hosts do: one at a time, or an outbox's worth.
 */
export async function announceRate(open: () => Promise<Redis>, clients: number, batch: number, ms: number): Promise<AnnounceRate> {
  const conns = await Promise.all(Array.from({ length: clients }, open));
  let n = 0;
  const end = Date.now() + ms;
  const started = Date.now();
  await Promise.all(
    conns.map(async (c, ci) => {
      const shared = new SharedCorpus(c, 'bench-announce');
      let i = 0;
      while (Date.now() < end) {
        const entries: SharedEntry[] = [];
        for (let b = 0; b < batch; b++) {
          // An input as large as insertion-sort's: 64 numbers.
          const input = Array.from({ length: 64 }, (_, k) => (k * 7919 + i * 31 + ci * 1_000_003) % 2001 - 1000);
          input[0] = i++;
          input[1] = ci;
          entries.push({ version: 1, target: 'bench-announce', hash: inputHash(input), input, size: 64, work: i, timeMs: 0.01, reasons: ['new-work'], foundAtMs: 0, mode: 'wedge', seed: 1, host: `bench/${ci}`, at: Date.now() });
        }
        // Not `n += await …`: that reads n before the wait, and the clients' counts overwrite each other.
        const added = await shared.announce(entries);
        n += added;
      }
    }),
  );
  const perSec = (n * 1000) / (Date.now() - started);
  for (const c of conns) c.disconnect();
  return { clients, batch, perSec: Math.round(perSec) };
}
