// Anthropic error bodies ({"type":"error","error":{"type","message"}}) → our taxonomy, keyed on
// error.type first (it is stable and documented), then on message for the 400s that mean
// something more specific: an empty credit balance, a prompt over the context window.
import type { ProviderErrorKind } from '../../core/provider-error.ts';
import { kindForStatus, looksLikeContextLength } from '../http/kind-for-status.ts';
import { retryAfterMsFromHeaders } from '../http/retry-after.ts';
import type { MappedError, UpstreamFailure } from '../http/upstream-failure.ts';
import { AnthropicErrorBodySchema } from './anthropic-api-schemas.ts';

const TYPE_KINDS: Record<string, ProviderErrorKind> = {
  invalid_request_error: 'bad_request',
  authentication_error: 'auth',
  permission_error: 'auth',
  billing_error: 'quota_exhausted',
  not_found_error: 'not_found',
  request_too_large: 'bad_request',
  rate_limit_error: 'rate_limited',
  api_error: 'server',
  timeout_error: 'timeout',
  overloaded_error: 'overloaded',
};

export function mapAnthropicError(failure: UpstreamFailure): MappedError {
  const parsed = AnthropicErrorBodySchema.safeParse(failure.body);
  const type = parsed.success ? (parsed.data.error.type ?? undefined) : undefined;
  const message = (parsed.success ? parsed.data.error.message : undefined) ?? (failure.text.trim().slice(0, 500) || `HTTP ${failure.status ?? 'stream'} error`);

  // The status decides 503/529/504 (an api_error 503 is still "no capacity"); the type decides the rest.
  const byStatus = kindForStatus(failure.status);
  let kind: ProviderErrorKind = failure.status !== undefined && ['overloaded', 'timeout'].includes(byStatus) ? byStatus : ((type ? TYPE_KINDS[type] : undefined) ?? byStatus);
  if (kind === 'bad_request' && /credit balance/i.test(message)) kind = 'quota_exhausted';
  else if (kind === 'bad_request' && looksLikeContextLength(message)) kind = 'context_length';
  const retryAfterMs = kind === 'rate_limited' || kind === 'overloaded' ? retryAfterMsFromHeaders(failure.headers) : undefined;
  return {
    kind,
    message,
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(type ? { code: type } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
