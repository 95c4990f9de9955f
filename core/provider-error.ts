// One error taxonomy for every provider. Adapters map their native errors into it; routing
// decides on the kind (never on raw HTTP responses); the gateway maps kinds to client statuses.
// No zod here: workflows import this module, and every module a workflow imports is evaluated
// again for each new workflow run (the SDK's per-workflow module state), so it must stay cheap.

export const PROVIDER_ERROR_KINDS = [
  'rate_limited', // 429 with a retry-after: retry later, or cool the target down
  'quota_exhausted', // 429 / 400 meaning "out of credit": retrying does not help
  'overloaded', // Anthropic 529, 503 overloaded
  'server', // other 5xx
  'timeout', // our per-attempt deadline passed, or the upstream timed out
  'bad_request', // 400/422: the request itself is wrong; another provider may accept it
  'auth', // 401/403: our credential is wrong
  'not_found', // unknown model at this provider
  'context_length', // prompt too long for the model
  'content_filter', // refused by the provider's safety system
  'network', // connection refused/reset, DNS, TLS, malformed response or stream
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

export interface ProviderErrorInfo {
  kind: ProviderErrorKind;
  message: string;
  /** Provider family that raised it (openai, anthropic, gemini, openai-compatible). */
  provider: string;
  /** The upstream HTTP status, when there was a response. */
  status?: number;
  /** Provider's own error code/type (e.g. `insufficient_quota`, `overloaded_error`). */
  code?: string;
  /** From retry-after / retry-after-ms / Gemini RetryInfo, in milliseconds. */
  retryAfterMs?: number;
}

export class ProviderCallError extends Error {
  override name = 'ProviderCallError';
  constructor(readonly info: ProviderErrorInfo) {
    super(`${info.provider} ${info.kind}: ${info.message}`);
  }
}

/**
 * What a failed provider call was: a timeout when our attempt timeout fired (whatever the
 * abort surfaced as), the adapter's normalised error, or otherwise a network failure.
 */
export function attemptErrorInfo(error: unknown, provider: string, timedOutAfterMs?: number): ProviderErrorInfo {
  if (timedOutAfterMs !== undefined) return { kind: 'timeout', provider, message: `no answer within the attempt timeout of ${timedOutAfterMs} ms` };
  if (error instanceof ProviderCallError) return error.info;
  return { kind: 'network', provider, message: error instanceof Error ? error.message : String(error) };
}

/** Kinds worth another try (same target after a wait, or the next target in a chain). */
export const TRANSIENT_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['rate_limited', 'overloaded', 'server', 'timeout', 'network']);

/**
 * The status a client gets when a request ends on this kind of failure: the provider's own
 * verdict on the client's request (400, 429) passes through; our credential, config or the
 * upstream being at fault is a 502; timeouts 504; overload 503.
 */
export function clientStatusFor(kind: ProviderErrorKind): number {
  switch (kind) {
    case 'rate_limited':
    case 'quota_exhausted':
      return 429;
    case 'timeout':
      return 504;
    case 'overloaded':
      return 503;
    case 'bad_request':
    case 'context_length':
    case 'content_filter':
      return 400;
    case 'auth':
    case 'not_found':
    case 'server':
    case 'network':
      return 502;
  }
}
