// Which failures earn another try, and how long to wait first. Pure: the caller passes the
// random jitter in, so the same code runs live, in workflows and in the replay simulator.
import type { ProviderErrorInfo } from './provider-error.ts';
import type { RetryCondition } from './strategies/common.ts';

/** Longest Retry-After we are willing to sit out before moving on to the next step instead. */
export const MAX_RETRY_AFTER_WAIT_MS = 5_000;

/** Does this failure match the config's retry_on (and is it worth retrying at all)? */
export function matchesRetryOn(error: ProviderErrorInfo, retryOn: readonly RetryCondition[]): boolean {
  // Out of credit never recovers by retrying, whatever its status says.
  if (error.kind === 'quota_exhausted') return false;
  return retryOn.some((condition) => {
    if (condition === 'timeout') return error.kind === 'timeout';
    if (condition === 'network') return error.kind === 'network';
    const status = error.status ?? statusOfKind(error.kind);
    if (condition === '5xx') return status !== undefined && status >= 500 && status <= 599;
    return status === condition;
  });
}

/** The status a kind stands for when the failure had no HTTP response of its own. */
function statusOfKind(kind: ProviderErrorInfo['kind']): number | undefined {
  switch (kind) {
    case 'rate_limited':
      return 429;
    case 'overloaded':
      return 529;
    case 'server':
      return 500;
    default:
      return undefined;
  }
}

/**
 * Does this failure end the whole request (the client's request is at fault, so another target
 * would refuse it too)? Everything else may move on to the next step of a chain.
 */
export function isFatalForRequest(error: ProviderErrorInfo): boolean {
  return error.kind === 'bad_request' || error.kind === 'content_filter';
}

/**
 * Milliseconds to wait before retrying the same target, or undefined to move on instead:
 * the provider's Retry-After when it gave one (unless too long), else exponential backoff.
 */
export function retryDelayMs(error: ProviderErrorInfo, retry: number, jitter: number): number | undefined {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= MAX_RETRY_AFTER_WAIT_MS ? error.retryAfterMs : undefined;
  const base = 100 * 2 ** retry;
  return Math.round(base / 2 + (base / 2) * jitter);
}

/** What a chain of attempts does after a failed one. */
export type AfterFailure = { action: 'stop' } | { action: 'next-step' } | { action: 'retry'; waitMs: number };

/**
 * The one decision both attempt loops (the fast path's runAttempts and the durable cascade)
 * make after a failure: end the request (the request itself was refused), move on to the next
 * step, or retry this step after a wait that still fits in the `msLeft` of the deadline.
 */
export function afterFailure(error: ProviderErrorInfo, retry: number, maxRetries: number, retryOn: readonly RetryCondition[], msLeft: number, jitter: number): AfterFailure {
  if (isFatalForRequest(error)) return { action: 'stop' };
  if (retry >= maxRetries || !matchesRetryOn(error, retryOn)) return { action: 'next-step' };
  const waitMs = retryDelayMs(error, retry, jitter);
  return waitMs === undefined || waitMs >= msLeft ? { action: 'next-step' } : { action: 'retry', waitMs };
}
