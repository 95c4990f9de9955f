// Anthropic error bodies ({"type":"error","error":{"type","message"},"request_id"}) and the
// anthropic-ratelimit-* headers. Statuses follow the real API, including 529 overloaded_error.
import type { ErrorReply, FaultContext, HeaderContext, HttpFault } from '../dialect.ts';

function anthropicError(status: number, type: string, message: string, requestId?: string, headers?: Record<string, string>): ErrorReply {
  return { status, body: { type: 'error', error: { type, message }, ...(requestId ? { request_id: requestId } : {}) }, ...(headers ? { headers } : {}) };
}

export const anthropicBadRequest = (message: string): ErrorReply => anthropicError(400, 'invalid_request_error', message);
export const anthropicAuthError = (): ErrorReply => anthropicError(401, 'authentication_error', 'x-api-key header is required');
export const anthropicMissingVersion = (): ErrorReply => anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required');
export const anthropicNotFound = (model: string): ErrorReply => anthropicError(404, 'not_found_error', `model: ${model}`);

export function anthropicFault(kind: HttpFault, ctx: FaultContext): ErrorReply {
  switch (kind) {
    case 'rate_limit':
      return anthropicError(
        429,
        'rate_limit_error',
        `This request would exceed the rate limit for your organization of ${ctx.rate.limitRequests} requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
        ctx.requestId,
        { 'retry-after': String(Math.ceil(ctx.retryAfterSeconds)) },
      );
    case 'quota':
      // Anthropic reports an exhausted credit balance as a (non-retryable) 400.
      return anthropicError(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.', ctx.requestId);
    case 'server_error':
      return anthropicError(500, 'api_error', 'Internal server error', ctx.requestId);
    case 'unavailable':
      return anthropicError(503, 'api_error', 'Service unavailable', ctx.requestId);
    case 'overloaded':
      return anthropicError(529, 'overloaded_error', 'Overloaded', ctx.requestId);
  }
}

export function anthropicHeaders({ rate, requestId, now }: HeaderContext): Record<string, string> {
  // Anthropic reports resets as RFC 3339 instants.
  const reset = new Date(now + rate.resetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out: Record<string, string> = {
    'request-id': requestId,
    'anthropic-organization-id': '00000000-0000-4000-8000-000000000000',
    'anthropic-ratelimit-requests-limit': String(rate.limitRequests),
    'anthropic-ratelimit-requests-remaining': String(rate.remainingRequests),
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': String(rate.limitTokens),
    'anthropic-ratelimit-tokens-remaining': String(rate.remainingTokens),
    'anthropic-ratelimit-tokens-reset': reset,
  };
  for (const kind of ['input', 'output'] as const) {
    out[`anthropic-ratelimit-${kind}-tokens-limit`] = String(rate.limitTokens);
    out[`anthropic-ratelimit-${kind}-tokens-remaining`] = String(rate.remainingTokens);
    out[`anthropic-ratelimit-${kind}-tokens-reset`] = reset;
  }
  return out;
}
