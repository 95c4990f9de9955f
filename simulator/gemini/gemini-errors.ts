// Gemini (Google RPC) error bodies: {"error":{"code","message","status","details":[…]}}. A
// retryable 429 carries google.rpc.RetryInfo; an exhausted daily quota is the same status with
// no RetryInfo, which is how clients tell the two apart.
import type { ErrorReply, FaultContext, HttpFault } from '../dialect.ts';

function geminiError(code: number, status: string, message: string, details?: unknown[]): ErrorReply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

export const geminiBadRequest = (message: string): ErrorReply => geminiError(400, 'INVALID_ARGUMENT', message);

/** Google answers a call without any API key with 403 PERMISSION_DENIED (not 401). */
export const geminiAuthError = (): ErrorReply =>
  geminiError(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");

export const geminiNotFound = (model: string): ErrorReply =>
  geminiError(404, 'NOT_FOUND', `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`);

function quotaFailure(model: string, quotaId: string, metric: string, value: number) {
  return {
    '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
    violations: [{ quotaMetric: `generativelanguage.googleapis.com/${metric}`, quotaId, quotaDimensions: { location: 'global', model }, quotaValue: String(value) }],
  };
}

const HELP = { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] };

export function geminiFault(kind: HttpFault, ctx: FaultContext): ErrorReply {
  switch (kind) {
    case 'rate_limit':
      return geminiError(429, 'RESOURCE_EXHAUSTED', `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. Please retry in ${ctx.retryAfterSeconds}s.`, [
        quotaFailure(ctx.model, 'GenerateRequestsPerMinutePerProjectPerModel', 'generate_content_requests', ctx.rate.limitRequests),
        HELP,
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${ctx.retryAfterSeconds}s` },
      ]);
    case 'quota':
      return geminiError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.', [
        quotaFailure(ctx.model, 'GenerateRequestsPerDayPerProjectPerModel', 'generate_content_requests_per_day', 1000),
        HELP,
      ]);
    case 'server_error':
      return geminiError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
    case 'unavailable':
    case 'overloaded':
      // Gemini has no 529: an overloaded model answers 503 UNAVAILABLE.
      return geminiError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
  }
}
