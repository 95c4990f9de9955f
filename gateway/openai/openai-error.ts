// Errors on /v1 use OpenAI's error object with the status OpenAI would use, so the official SDKs
// raise their usual error classes. Upstream failures carry the normalised provider error too.
import { clientStatusFor, type ProviderErrorInfo } from '../../core/provider-error.ts';

export interface OpenAiErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
    /** Switchyard's addition: the normalised upstream error behind a 429/5xx. */
    provider_error?: { kind: string; provider: string; status?: number; code?: string; message: string };
  };
}

export class OpenAiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly providerError?: ProviderErrorInfo,
    /** Seconds, for a Retry-After header on 429/503. */
    readonly retryAfterSeconds?: number,
    /** Extra response headers (a durable request's workflow id and votes). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): OpenAiErrorBody {
    const body: OpenAiErrorBody = { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
    if (this.providerError) {
      const { kind, provider, status, code, message } = this.providerError;
      body.error.provider_error = { kind, provider, message, ...(status !== undefined ? { status } : {}), ...(code ? { code } : {}) };
    }
    return body;
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new OpenAiHttpError(400, 'invalid_request_error', message, code, param);

export const invalidApiKey = (message = 'Incorrect API key provided. Switchyard expects a project API key (sy_live_…) as a Bearer token.') =>
  new OpenAiHttpError(401, 'invalid_request_error', message, 'invalid_api_key');

export const modelNotFound = (model: string, detail = '') =>
  new OpenAiHttpError(404, 'invalid_request_error', `The model \`${model}\` does not exist or you do not have access to it.${detail ? ` ${detail}` : ''}`, 'model_not_found', 'model');

/** What the client sees when every attempt failed: decided by the last upstream error. */
export function upstreamFailure(last: ProviderErrorInfo, attempts: number): OpenAiHttpError {
  const prefix = attempts > 1 ? `All ${attempts} attempts failed; the last: ` : '';
  const message = `${prefix}${last.provider} ${last.kind}: ${last.message}`;
  const retryAfter = last.retryAfterMs !== undefined ? Math.max(1, Math.ceil(last.retryAfterMs / 1000)) : undefined;
  const status = clientStatusFor(last.kind);
  switch (last.kind) {
    case 'rate_limited':
      return new OpenAiHttpError(status, 'rate_limit_error', message, 'rate_limit_exceeded', null, last, retryAfter);
    case 'quota_exhausted':
      return new OpenAiHttpError(status, 'insufficient_quota', message, 'insufficient_quota', null, last);
    case 'timeout':
      return new OpenAiHttpError(status, 'timeout_error', message, 'upstream_timeout', null, last);
    case 'overloaded':
      return new OpenAiHttpError(status, 'server_error', message, 'upstream_overloaded', null, last, retryAfter);
    case 'bad_request':
      return new OpenAiHttpError(status, 'invalid_request_error', message, last.code ?? null, null, last);
    case 'context_length':
      return new OpenAiHttpError(status, 'invalid_request_error', message, 'context_length_exceeded', 'messages', last);
    case 'content_filter':
      return new OpenAiHttpError(status, 'invalid_request_error', message, 'content_filter', null, last);
    case 'auth':
    case 'not_found':
    case 'server':
    case 'network':
      // Our credential, our config or the upstream is at fault, not the client's request.
      return new OpenAiHttpError(status, 'upstream_error', message, `upstream_${last.kind}`, null, last);
  }
}
