import type { Usage } from '../../core/chat.ts';
import type { AnthropicUsage } from './anthropic-api-schemas.ts';

/**
 * Anthropic's input_tokens exclude cache reads and cache writes; ours include both (cache writes
 * are billed as input), with cache reads reported as the cached subset. Anthropic reports no
 * separate reasoning count: thinking tokens are inside output_tokens.
 */
export function mapAnthropicUsage(usage: AnthropicUsage | null | undefined): Usage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  return {
    inputTokens: (usage?.input_tokens ?? 0) + cacheRead + (usage?.cache_creation_input_tokens ?? 0),
    outputTokens: usage?.output_tokens ?? 0,
    cachedInputTokens: cacheRead,
    reasoningTokens: 0,
  };
}
