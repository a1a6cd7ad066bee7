import { AnthropicProvider } from './anthropic.js';
import type { LlmConfig } from './config.js';
import { OpenAiProvider } from './openai.js';
import type { LlmProvider } from './types.js';

export function createProvider(config: LlmConfig): LlmProvider {
  return config.provider === 'openai' ? new OpenAiProvider(config) : new AnthropicProvider(config);
}
