// Google RPC error bodies ({"error":{"code","message","status","details"}}) → our taxonomy.
// A 429 RESOURCE_EXHAUSTED is a rate limit when it carries RetryInfo (how long to wait) and an
// exhausted quota when it does not. Bad API keys come back as 400 INVALID_ARGUMENT with reason
// API_KEY_INVALID, and calls without a key as 403 PERMISSION_DENIED: both are auth.
import type { ProviderErrorKind } from '../../core/provider-error.ts';
import { kindForStatus, looksLikeContextLength } from '../http/kind-for-status.ts';
import { parseDurationMs, retryAfterMsFromHeaders } from '../http/retry-after.ts';
import type { MappedError, UpstreamFailure } from '../http/upstream-failure.ts';
import { GeminiErrorBodySchema } from './gemini-api-schemas.ts';

const STATUS_KINDS: Record<string, ProviderErrorKind> = {
  INVALID_ARGUMENT: 'bad_request',
  FAILED_PRECONDITION: 'bad_request',
  OUT_OF_RANGE: 'bad_request',
  UNAUTHENTICATED: 'auth',
  PERMISSION_DENIED: 'auth',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limited',
  INTERNAL: 'server',
  UNKNOWN: 'server',
  UNAVAILABLE: 'overloaded',
  DEADLINE_EXCEEDED: 'timeout',
  CANCELLED: 'timeout',
};

export function mapGeminiError(failure: UpstreamFailure): MappedError {
  const parsed = GeminiErrorBodySchema.safeParse(failure.body);
  const error = parsed.success ? (Array.isArray(parsed.data) ? parsed.data[0]?.error : parsed.data.error) : undefined;
  const status = error?.status ?? undefined;
  const message = error?.message ?? (failure.text.trim().slice(0, 500) || `HTTP ${failure.status ?? 'stream'} error`);
  const details = error?.details ?? [];
  const retryInfo = details.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'));
  const reasons = details.map((d) => d.reason).filter(Boolean);

  let kind: ProviderErrorKind = (status ? STATUS_KINDS[status] : undefined) ?? kindForStatus(failure.status ?? error?.code ?? undefined);
  if (reasons.includes('API_KEY_INVALID') || /api key not valid/i.test(message)) kind = 'auth';
  else if (kind === 'rate_limited' && !retryInfo) kind = 'quota_exhausted';
  else if (kind === 'bad_request' && looksLikeContextLength(message)) kind = 'context_length';
  const retryAfterMs = kind === 'rate_limited' ? (parseDurationMs(retryInfo?.retryDelay ?? undefined) ?? retryAfterMsFromHeaders(failure.headers)) : undefined;
  const httpStatus = failure.status ?? error?.code ?? undefined;
  return {
    kind,
    message,
    ...(httpStatus != null ? { status: httpStatus } : {}),
    ...(status ? { code: status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
