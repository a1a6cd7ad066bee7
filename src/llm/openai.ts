import OpenAI from 'openai';
import { describeSdkError, type LlmConfig } from './config.js';
import { checkReplySize, LlmError, type LlmProvider, type LlmRequest } from './types.js';

/**
 * OpenAI and OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio) through the openai
 * SDK, which also retries 429 and 5xx replies with backoff and times requests out. A schema is
 * asked for as structured output; a server that refuses that (HTTP 400) is asked again without
 * it, and the reply is checked against the schema by the caller either way.
 */
export class OpenAiProvider implements LlmProvider {
  readonly provider = 'openai' as const;
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly config: LlmConfig) {
    this.model = config.model;
    this.client = new OpenAI({
      apiKey: config.apiKey ?? 'unused', // a local server takes any key
      baseURL: config.baseURL,
      timeout: config.timeoutMs,
      maxRetries: config.maxRetries,
    });
  }

  async complete(request: LlmRequest): Promise<string> {
    const base = {
      model: this.model,
      messages: request.messages,
      max_tokens: request.maxTokens,
      temperature: request.temperature,
    };
    const who = `openai:${this.model}`;
    try {
      let completion;
      try {
        completion = await this.client.chat.completions.create({
          ...base,
          ...(request.schema
            ? { response_format: { type: 'json_schema' as const, json_schema: { name: request.schema.name, description: request.schema.description, schema: request.schema.schema, strict: true } } }
            : {}),
        });
      } catch (e) {
        if (!request.schema || (e as { status?: number }).status !== 400) throw e;
        completion = await this.client.chat.completions.create(base);
      }
      const content = completion.choices?.[0]?.message?.content;
      if (typeof content !== 'string' || content === '') throw new LlmError('reply', `${who}: the reply has no message content`);
      return checkReplySize(content, who);
    } catch (e) {
      throw describeSdkError(e, this.config);
    }
  }
}
