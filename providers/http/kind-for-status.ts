// The HTTP-status baseline every provider mapper starts from; provider-specific codes and messages
// (quota vs rate limit, context length, overloaded) refine it.
import type { ProviderErrorKind } from '../../core/provider-error.ts';

export function kindForStatus(status: number | undefined): ProviderErrorKind {
  if (status === undefined) return 'server';
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'quota_exhausted';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'rate_limited';
  // 503 means "no capacity right now, retry soon" at every provider we speak to: treat it as Anthropic's 529.
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Messages providers use for a prompt longer than the model's window. */
const CONTEXT_LENGTH_PATTERNS = [
  /context[_ ]length/i, // OpenAI: "maximum context length is …", code context_length_exceeded
  /prompt is too long/i, // Anthropic: "prompt is too long: 210000 tokens > 200000 maximum"
  /input token count .* exceeds the maximum/i, // Gemini: "The input token count (N) exceeds the maximum number of tokens allowed (M)"
  /too many (input )?tokens/i,
  /context window/i,
];

export function looksLikeContextLength(message: string): boolean {
  return CONTEXT_LENGTH_PATTERNS.some((pattern) => pattern.test(message));
}
