// Simulated prompt caching: the second identical long prompt to a model reports cached input
// tokens, like OpenAI's and Gemini's automatic caching (Anthropic only with cache_control).
import { hashString } from './rng.ts';

/** Providers only cache prompts of at least this many tokens. */
export const MIN_CACHEABLE_TOKENS = 1024;

export class PromptCache {
  private seen = new Set<string>();

  /** Returns the cached token count for this prompt and remembers it for next time. */
  lookup(model: string, promptText: string, promptTokens: number): { cached: number; created: number } {
    if (promptTokens < MIN_CACHEABLE_TOKENS) return { cached: 0, created: 0 };
    const key = `${model}|${hashString(promptText)}|${promptText.length}`;
    // Caches work in 128-token blocks.
    const cacheable = Math.floor(promptTokens / 128) * 128;
    if (this.seen.has(key)) return { cached: cacheable, created: 0 };
    this.seen.add(key);
    return { cached: 0, created: cacheable };
  }

  reset(): void {
    this.seen.clear();
  }
}
