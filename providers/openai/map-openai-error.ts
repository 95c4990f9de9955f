// OpenAI error bodies ({"error":{"message","type","param","code"}}) → our taxonomy. The status
// gives the baseline; `code`/`type` refine it (a 429 is a quota problem, not a rate limit, when
// the code says insufficient_quota — retrying will not help).
import { kindForStatus, looksLikeContextLength } from '../http/kind-for-status.ts';
import { retryAfterMsFromHeaders } from '../http/retry-after.ts';
import type { MappedError, UpstreamFailure } from '../http/upstream-failure.ts';
import { OpenAIErrorBodySchema } from './openai-api-schemas.ts';
import type { ProviderErrorKind } from '../../core/provider-error.ts';

const CODE_KINDS: Record<string, ProviderErrorKind> = {
  insufficient_quota: 'quota_exhausted',
  billing_hard_limit_reached: 'quota_exhausted',
  context_length_exceeded: 'context_length',
  string_above_max_length: 'context_length',
  content_filter: 'content_filter',
  content_policy_violation: 'content_filter',
  model_not_found: 'not_found',
  invalid_api_key: 'auth',
  rate_limit_exceeded: 'rate_limited',
};

export function mapOpenAIError(failure: UpstreamFailure): MappedError {
  const parsed = OpenAIErrorBodySchema.safeParse(failure.body);
  const error = parsed.success ? parsed.data.error : undefined;
  const detail = typeof error === 'string' ? { message: error } : error;
  const code = detail && 'code' in detail && detail.code != null ? String(detail.code) : undefined;
  const type = detail && 'type' in detail ? (detail.type ?? undefined) : undefined;
  const message = detail?.message ?? (failure.text.trim().slice(0, 500) || `HTTP ${failure.status ?? 'stream'} error`);

  let kind: ProviderErrorKind = (code ? CODE_KINDS[code] : undefined) ?? (type ? CODE_KINDS[type] : undefined) ?? kindForStatus(failure.status);
  if ((kind === 'bad_request' || kind === 'server') && looksLikeContextLength(message)) kind = 'context_length';
  // Compatible proxies relay OpenAI's quota message without its code.
  if (kind === 'rate_limited' && /exceeded your current quota/i.test(message)) kind = 'quota_exhausted';
  const retryAfterMs = kind === 'rate_limited' ? retryAfterMsFromHeaders(failure.headers) : undefined;
  return {
    kind,
    message,
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(code ?? type ? { code: code ?? type } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
