import type { Usage } from '../../core/chat.ts';
import type { OpenAIUsage } from './openai-api-schemas.ts';

/** OpenAI's completion_tokens already include reasoning tokens, and prompt_tokens the cached ones. */
export function mapOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage {
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}
