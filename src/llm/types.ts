/** A message of a chat. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON Schema the reply must follow (structured output / a forced tool call). */
export interface ReplySchema {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

export interface LlmRequest {
  messages: ChatMessage[];
  /** With a schema the reply is a JSON text following it; without, free text. */
  schema?: ReplySchema;
  maxTokens: number;
  temperature: number;
}

export interface LlmProvider {
  readonly provider: 'openai' | 'anthropic';
  readonly model: string;
  /** The reply text (for a schema: the JSON text). Throws LlmError. */
  complete(request: LlmRequest): Promise<string>;
}

export type LlmErrorKind = 'config' | 'network' | 'timeout' | 'http' | 'reply' | 'cache';

/** Every LLM failure, with a message that says what and where and what to do (never a credential). */
export class LlmError extends Error {
  constructor(readonly kind: LlmErrorKind, message: string) {
    super(maskCredentials(message));
    this.name = 'LlmError';
  }
}

/**
 * Text with the user:password part of every URL in it replaced by `***`: a base URL such as
 * http://user:secret@host/v1 shows up in messages (ours, the SDKs', fetch's) that end up in a
 * terminal or a CI log.
 */
export function maskCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1***@');
}

/** Replies longer than this are refused: no constraint set needs more. */
export const MAX_REPLY_CHARS = 100_000;

export function checkReplySize(text: string, who: string): string {
  if (text.length > MAX_REPLY_CHARS) throw new LlmError('reply', `${who}: reply too large (${text.length} chars; limit ${MAX_REPLY_CHARS})`);
  return text;
}
