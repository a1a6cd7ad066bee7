import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { LlmError, type LlmProvider, type LlmRequest } from './types.js';

/**
 * record: always ask, store the reply; replay: only stored replies (a miss is an error, so tests
 * and CI never reach a network); auto: stored reply if there is one, else ask and store; off:
 * always ask, store nothing.
 */
export type CacheMode = 'record' | 'replay' | 'auto' | 'off';

export interface CacheOptions {
  dir: string;
  mode: CacheMode;
  /** Bumped whenever prompts change, so old replies are not taken for new questions. */
  promptVersion: string;
}

export function parseCacheMode(text: string | undefined): CacheMode {
  const m = (text ?? 'auto').trim() || 'auto';
  if (m !== 'record' && m !== 'replay' && m !== 'auto' && m !== 'off') throw new LlmError('config', `WEDGE_LLM_CACHE="${text}" must be record, replay, auto or off`);
  return m;
}

/** The key of a request: everything that decides the reply, and nothing secret (no key, no URL). */
export function cacheKey(provider: string, model: string, request: LlmRequest, promptVersion: string): string {
  const material = JSON.stringify({ provider, model, messages: request.messages, schema: request.schema ?? null, params: { maxTokens: request.maxTokens, temperature: request.temperature }, promptVersion });
  return createHash('sha256').update(material).digest('hex');
}

interface CacheEntry {
  version: 1;
  provider: string;
  model: string;
  promptVersion: string;
  reply: string;
}

/** Asks `provider`, through the cache. */
export async function cachedComplete(provider: LlmProvider, request: LlmRequest, cache: CacheOptions): Promise<string> {
  const key = cacheKey(provider.provider, provider.model, request, cache.promptVersion);
  const file = path.join(cache.dir, `${key.slice(0, 32)}.json`);
  if (cache.mode === 'replay' || cache.mode === 'auto') {
    if (existsSync(file)) {
      try {
        const entry = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
        if (typeof entry.reply === 'string') return entry.reply;
      } catch {
        // A damaged entry is a miss.
      }
    }
    if (cache.mode === 'replay') {
      throw new LlmError('cache', `no recorded reply for this request in ${cache.dir} (WEDGE_LLM_CACHE=replay; record it with WEDGE_LLM_CACHE=record or auto)`);
    }
  }
  const reply = await provider.complete(request);
  if (cache.mode !== 'off') {
    const entry: CacheEntry = { version: 1, provider: provider.provider, model: provider.model, promptVersion: cache.promptVersion, reply };
    writeFileAtomic(file, JSON.stringify(entry, null, 1) + '\n');
  }
  return reply;
}
