import type { Usage } from '../../core/chat.ts';
import type { GeminiUsage } from './gemini-api-schemas.ts';

/**
 * Gemini's candidatesTokenCount excludes thinking tokens (reported as thoughtsTokenCount) although
 * both are billed as output; ours counts reasoning inside outputTokens. promptTokenCount already
 * includes cachedContentTokenCount; tool-use prompt tokens are input too.
 */
export function mapGeminiUsage(usage: GeminiUsage | null | undefined): Usage {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  return {
    inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
    outputTokens: (usage?.candidatesTokenCount ?? 0) + thoughts,
    cachedInputTokens: usage?.cachedContentTokenCount ?? 0,
    reasoningTokens: thoughts,
  };
}
