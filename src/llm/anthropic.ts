import Anthropic from '@anthropic-ai/sdk';
import { describeSdkError, type LlmConfig } from './config.js';
import { checkReplySize, LlmError, type LlmProvider, type LlmRequest } from './types.js';

/**
 * Anthropic through its SDK (retries 429 and 5xx with backoff, times requests out). A schema is
 * asked for as a forced call of a tool whose input schema it is; the tool input is the reply.
 */
export class AnthropicProvider implements LlmProvider {
  readonly provider = 'anthropic' as const;
  readonly model: string;
  private readonly client: Anthropic;

  constructor(private readonly config: LlmConfig) {
    this.model = config.model;
    this.client = new Anthropic({
      apiKey: config.apiKey ?? 'unused', // a compatible local server takes any key
      baseURL: config.baseURL,
      timeout: config.timeoutMs,
      maxRetries: config.maxRetries,
    });
  }

  async complete(request: LlmRequest): Promise<string> {
    const who = `anthropic:${this.model}`;
    const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    const messages = request.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
    try {
      const schema = request.schema;
      const reply = await this.client.messages.create({
        model: this.model,
        max_tokens: request.maxTokens,
        ...(system ? { system } : {}),
        messages,
        ...(schema
          ? {
              tools: [{ name: schema.name, description: schema.description, input_schema: schema.schema as Anthropic.Tool.InputSchema }],
              tool_choice: { type: 'tool' as const, name: schema.name },
            }
          : {}),
      });
      const blocks = (reply.content ?? []) as { type: string; text?: string; name?: string; input?: unknown }[];
      if (schema) {
        const call = blocks.find((b) => b.type === 'tool_use' && b.name === schema.name);
        if (!call) throw new LlmError('reply', `${who}: the reply has no call of the tool "${schema.name}"`);
        return checkReplySize(JSON.stringify(call.input ?? null), who);
      }
      const text = blocks.filter((b) => b.type === 'text').map((b) => b.text ?? '').join('');
      if (!text) throw new LlmError('reply', `${who}: the reply has no text`);
      return checkReplySize(text, who);
    } catch (e) {
      throw describeSdkError(e, this.config);
    }
  }
}
