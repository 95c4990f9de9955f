// OpenAI error bodies ({"error":{"message","type","param","code"}}) and rate-limit headers, with
// the messages and codes the real API uses, so client code keyed on `code` behaves the same.
import type { ErrorReply, FaultContext, HeaderContext, HttpFault } from '../dialect.ts';

function openaiError(status: number, message: string, type: string, code: string | null, param: string | null = null, headers?: Record<string, string>): ErrorReply {
  return { status, body: { error: { message, type, param, code } }, ...(headers ? { headers } : {}) };
}

export function openaiBadRequest(message: string, param?: string, code: string | null = null): ErrorReply {
  return openaiError(400, message, 'invalid_request_error', code, param || null);
}

export function openaiAuthError(): ErrorReply {
  return openaiError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    'invalid_request_error',
    null,
  );
}

export function openaiNotFound(model: string): ErrorReply {
  return openaiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
}

export function openaiFault(kind: HttpFault, ctx: FaultContext): ErrorReply {
  switch (kind) {
    case 'rate_limit': {
      const ms = Math.round(ctx.retryAfterSeconds * 1000);
      const message = `Rate limit reached for ${ctx.model} in organization org-simulator on requests per min (RPM): Limit ${ctx.rate.limitRequests}, Used ${ctx.rate.limitRequests}, Requested 1. Please try again in ${formatDuration(ms)}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
      return openaiError(429, message, 'requests', 'rate_limit_exceeded', null, { 'retry-after': String(Math.ceil(ctx.retryAfterSeconds)), 'retry-after-ms': String(ms) });
    }
    case 'quota':
      // Not retryable: no retry-after, and the distinctive code clients key on.
      return openaiError(429, 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota');
    case 'server_error':
      return openaiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
    case 'unavailable':
    case 'overloaded':
      // OpenAI has no 529; an overloaded engine answers 503.
      return openaiError(503, 'The engine is currently overloaded, please try again later.', 'server_error', null);
  }
}

export function openaiHeaders({ rate, requestId, processingMs }: HeaderContext): Record<string, string> {
  return {
    'x-request-id': requestId,
    'openai-processing-ms': String(processingMs),
    'openai-version': '2020-10-01',
    'x-ratelimit-limit-requests': String(rate.limitRequests),
    'x-ratelimit-remaining-requests': String(rate.remainingRequests),
    'x-ratelimit-reset-requests': formatDuration(rate.resetMs),
    'x-ratelimit-limit-tokens': String(rate.limitTokens),
    'x-ratelimit-remaining-tokens': String(rate.remainingTokens),
    'x-ratelimit-reset-tokens': formatDuration(Math.min(rate.resetMs, 1000)),
  };
}

/** OpenAI's duration style: `120ms`, `1.5s`, `6m0s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  return `${Math.floor(seconds / 60)}m${Number((seconds % 60).toFixed(3))}s`;
}
