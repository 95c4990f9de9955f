// The retry decision shared by the fast path's attempt loop and the durable cascade.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RETRY_ON } from '../../core/strategies/common.ts';
import { afterFailure, matchesRetryOn, retryDelayMs } from '../../core/retry-policy.ts';
import type { ProviderErrorInfo } from '../../core/provider-error.ts';

const error = (kind: ProviderErrorInfo['kind'], extra: Partial<ProviderErrorInfo> = {}): ProviderErrorInfo => ({ kind, provider: 'openai', message: kind, ...extra });

test('a refused request stops the chain; an exhausted or unlisted failure moves on', () => {
  assert.deepEqual(afterFailure(error('bad_request'), 0, 3, DEFAULT_RETRY_ON, 10_000, 0.5), { action: 'stop' });
  assert.deepEqual(afterFailure(error('content_filter'), 0, 3, DEFAULT_RETRY_ON, 10_000, 0.5), { action: 'stop' });
  assert.deepEqual(afterFailure(error('server', { status: 500 }), 1, 1, DEFAULT_RETRY_ON, 10_000, 0.5), { action: 'next-step' }, 'no retries left');
  assert.deepEqual(afterFailure(error('timeout'), 0, 2, [429], 10_000, 0.5), { action: 'next-step' }, 'not in retry_on');
  assert.deepEqual(afterFailure(error('quota_exhausted', { status: 429 }), 0, 2, DEFAULT_RETRY_ON, 10_000, 0.5), { action: 'next-step' }, 'out of credit is never retried');
});

test('a retry waits for Retry-After or a backoff, only when the wait fits before the deadline', () => {
  assert.deepEqual(afterFailure(error('rate_limited', { status: 429, retryAfterMs: 800 }), 0, 1, DEFAULT_RETRY_ON, 10_000, 0.5), { action: 'retry', waitMs: 800 });
  assert.deepEqual(afterFailure(error('rate_limited', { status: 429, retryAfterMs: 800 }), 0, 1, DEFAULT_RETRY_ON, 800, 0.5), { action: 'next-step' });
  assert.deepEqual(afterFailure(error('rate_limited', { status: 429, retryAfterMs: 30_000 }), 0, 1, DEFAULT_RETRY_ON, 60_000, 0.5), { action: 'next-step' }, 'too long a Retry-After moves on');
  assert.deepEqual(afterFailure(error('server', { status: 503 }), 1, 2, DEFAULT_RETRY_ON, 10_000, 0), { action: 'retry', waitMs: retryDelayMs(error('server'), 1, 0)! });
  assert.ok(matchesRetryOn(error('overloaded'), ['5xx']), 'overloaded without a status stands for 529');
});
