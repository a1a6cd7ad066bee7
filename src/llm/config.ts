import { durationMs as parseDurationMs } from '../core/duration.js';
import { OPTIONS } from '../core/options.js';
import { LlmError, maskCredentials } from './types.js';

/** Which LLM to use and how to reach it, from `--llm` / WEDGE_LLM and the environment. */
export interface LlmConfig {
  provider: 'openai' | 'anthropic';
  model: string;
  /** An OpenAI-compatible (or Anthropic-compatible) server other than the default. */
  baseURL?: string;
  /** Read from the environment only; never written anywhere. */
  apiKey?: string;
  timeoutMs: number;
  maxRetries: number;
}

export const DEFAULT_TIMEOUT_MS = OPTIONS.llmTimeout.default;
export const DEFAULT_RETRIES = OPTIONS.llmRetries.default;

/** Parses "provider:model" (e.g. openai:gpt-4o-mini, anthropic:claude-sonnet-4-5). */
export function parseLlmSpec(spec: string): { provider: 'openai' | 'anthropic'; model: string } {
  const m = /^(openai|anthropic):(.+)$/.exec(spec.trim());
  if (!m) throw new LlmError('config', `LLM "${spec}" is not provider:model (e.g. openai:gpt-4o-mini or anthropic:claude-sonnet-4-5)`);
  return { provider: m[1] as 'openai' | 'anthropic', model: m[2]!.trim() };
}

/**
 * A duration from the environment. A bare number is the older form, read as milliseconds (the
 * command line reads one as seconds), so it is accepted with a note asking for the unit.
 */
function durationMs(text: string, what: string): number {
  const ms = parseDurationMs(text, 'ms', (v) => process.stderr.write(`warning: ${what}="${text.trim()}" read as ${v}ms; write durations with their unit (e.g. 500ms, 30s, 2m)\n`));
  if (ms === undefined) throw new LlmError('config', `${what}="${text}" is not a duration (e.g. 500ms, 30s, 2m)`);
  return ms;
}

/**
 * The configuration for `spec`, from the environment: WEDGE_LLM_BASE_URL, OPENAI_API_KEY or
 * ANTHROPIC_API_KEY, WEDGE_LLM_TIMEOUT, WEDGE_LLM_RETRIES. A key is required unless a base URL
 * points at a server of one's own (Ollama, vLLM, llama.cpp, LM Studio need none).
 */
export function llmConfig(
  spec: string,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Pick<LlmConfig, 'timeoutMs' | 'maxRetries'>> = {},
  /** False when only recorded replies will be used (no request is made, so no key is needed). */
  requireKey = true,
): LlmConfig {
  const { provider, model } = parseLlmSpec(spec);
  const baseURL = env.WEDGE_LLM_BASE_URL?.trim() || undefined;
  if (baseURL && hasCredentials(baseURL)) {
    // fetch refuses such URLs, and their text ends up in messages: say so without repeating them.
    throw new LlmError('config', `WEDGE_LLM_BASE_URL (${maskCredentials(baseURL)}) holds credentials (user:password@); remove them and put the key in ${provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY'}`);
  }
  const keyVar = provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  const apiKey = env[keyVar]?.trim() || undefined;
  if (requireKey && !apiKey && !baseURL) {
    throw new LlmError('config', `${keyVar} is not set (needed for WEDGE_LLM=${provider}:${model}; or set WEDGE_LLM_BASE_URL for a local server)`);
  }
  const retries = env.WEDGE_LLM_RETRIES !== undefined ? Number(env.WEDGE_LLM_RETRIES) : DEFAULT_RETRIES;
  if (!Number.isInteger(retries) || retries < 0) throw new LlmError('config', `WEDGE_LLM_RETRIES="${env.WEDGE_LLM_RETRIES}" is not a whole number`);
  return {
    provider,
    model,
    baseURL,
    apiKey,
    timeoutMs: overrides.timeoutMs ?? (env.WEDGE_LLM_TIMEOUT ? durationMs(env.WEDGE_LLM_TIMEOUT, 'WEDGE_LLM_TIMEOUT') : DEFAULT_TIMEOUT_MS),
    maxRetries: overrides.maxRetries ?? retries,
  };
}

function hasCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== '' || u.password !== '';
  } catch {
    return maskCredentials(url) !== url;
  }
}

/** Turns an SDK error into an LlmError that says what happened and where. */
export function describeSdkError(e: unknown, c: LlmConfig): LlmError {
  if (e instanceof LlmError) return e;
  const err = e as { name?: string; status?: number; message?: string; cause?: { message?: string; code?: string } };
  const where = c.baseURL ? maskCredentials(c.baseURL) : c.provider === 'openai' ? 'the OpenAI API' : 'the Anthropic API';
  const who = `${c.provider}:${c.model} at ${where}`;
  // The SDKs' error classes (APIConnectionTimeoutError, APIConnectionError...) by class name.
  const name = `${(e as object)?.constructor?.name ?? ''} ${err?.name ?? ''}`;
  const tries = c.maxRetries === 0 ? 'tried once' : `tried ${c.maxRetries + 1} times`;
  if (/Timeout/i.test(name)) return new LlmError('timeout', `${who}: no reply within ${c.timeoutMs} ms (${tries})`);
  if (/Connection/i.test(name)) {
    const cause = err.cause?.code ?? err.cause?.message ?? err.message ?? '';
    return new LlmError('network', `${who}: cannot reach the server (${cause}; ${tries})`);
  }
  if (typeof err?.status === 'number') {
    if (err.status === 401 || err.status === 403) return new LlmError('http', `${who}: the server refused the API key (HTTP ${err.status})`);
    if (err.status === 404) return new LlmError('http', `${who}: not found (HTTP 404): is the model name right?`);
    return new LlmError('http', `${who}: HTTP ${err.status}: ${(err.message ?? '').slice(0, 300)}`);
  }
  return new LlmError('network', `${who}: ${err?.message ?? String(e)}`);
}
