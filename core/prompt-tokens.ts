// Prompt-size arithmetic shared by the cost strategy and the rules language. OpenAI models are
// counted exactly by the gateway (gpt-tokenizer's o200k_base, the encoding of the 4o / 4.1 / o
// families) and every other provider is estimated from that count: Anthropic's tokenizer is
// commonly measured at about 15% more tokens than o200k for English text, Gemini's at about the
// same. These are estimates for ranking candidates, not billing: bills use the provider's usage.
import type { ModelProvider } from './plan.ts';

const TOKENS_PER_O200K: Record<ModelProvider, number> = {
  openai: 1,
  anthropic: 1.15,
  gemini: 1,
  'openai-compatible': 1,
};

export function promptTokensFor(provider: ModelProvider, o200kTokens: number): number {
  return Math.ceil(o200kTokens * TOKENS_PER_O200K[provider]);
}
