// Timeouts, overload and clients that go away: 504 when the deadline passes, 503 when every
// provider is overloaded, retries that honour Retry-After, and a disconnect that aborts upstream.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { after, afterEach, before, test } from 'node:test';
import { api, uniqueName } from '../helpers/admin-api.ts';
import { harnessStack } from '../helpers/stack.ts';
import { closePool, gatewayClient, simulatorPatch, resetUpstreams, storedLog } from './helpers.ts';

afterEach(resetUpstreams);
after(closePool);

const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };
let quick = '';
let patient = '';

before(async () => {
  quick = uniqueName('quick');
  patient = uniqueName('patient');
  const created = await api('POST', '/projects/demo/configs', {
    body: { name: quick, spec: { strategy: 'single', model: 'claude-haiku-4-5', timeout_ms: 300 }, message: 'short timeout for tests' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const retrying = await api('POST', '/projects/demo/configs', {
    body: { name: patient, spec: { strategy: 'fallback', attempts: [{ model: 'gpt-4o-mini', timeout_ms: 2000, max_retries: 2 }] }, message: 'retries for tests' },
  });
  assert.equal(retrying.status, 201, JSON.stringify(retrying.body));
});

test('504 when the only attempt hangs past its timeout', async () => {
  await simulatorPatch('claude-haiku-4-5', { faults: { hang: 1 } });
  await assert.rejects(gatewayClient().chat.completions.create({ model: `@${quick}`, ...ask }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError, String(error));
    assert.equal(error.status, 504);
    assert.equal((error.error as { provider_error?: { kind: string } }).provider_error?.kind, 'timeout');
    return true;
  });
});

test('503 when every attempt is overloaded (Anthropic 529)', async () => {
  await simulatorPatch('claude-haiku-4-5', { faults: { overloaded: 1 } });
  await assert.rejects(gatewayClient().chat.completions.create({ model: 'claude-haiku-4-5', ...ask }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError, String(error));
    assert.equal(error.status, 503);
    return true;
  });
});

test('a retried 429 waits for Retry-After, then succeeds on the same model', async () => {
  // The seeded fault draw: half the requests are rate limited, with a 1 s Retry-After.
  await simulatorPatch('gpt-4o-mini', { faults: { rate_limit: 0.5 }, retryAfterSeconds: 1 });
  let sawRetry = false;
  for (let i = 0; i < 6 && !sawRetry; i++) {
    const { response } = await gatewayClient().chat.completions.create({ model: `@${patient}`, ...ask }).withResponse();
    const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
    const [first, second] = log.trace.attempts;
    if (first?.errorKind === 'rate_limited' && second) {
      sawRetry = true;
      assert.equal(second.model, 'gpt-4o-mini');
      assert.match(second.reason, /retry 1 of step 1 after rate_limited \(retry-after 1000 ms\)/);
      const gap = (second as unknown as { startMs: number }).startMs - ((first as unknown as { startMs: number }).startMs + first.latencyMs);
      assert.ok(gap >= 950, `waited for Retry-After (${gap} ms)`);
    }
  }
  assert.ok(sawRetry, 'some request was retried after a 429');
});

test('a client that disconnects mid-stream aborts the upstream call and is logged as cancelled', async () => {
  // A slow stream: ~20 tokens a second, so the answer takes seconds to finish.
  await simulatorPatch('gpt-4o-mini', { tokensPerSecond: { mean: 20, jitter: 0 }, answerTokens: { min: 200, max: 200 } });
  const controller = new AbortController();
  const stack = harnessStack();
  const response = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.demoApiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', ...ask, stream: true }),
    signal: controller.signal,
  });
  const requestId = response.headers.get('x-switchyard-request-id')!;
  const reader = response.body!.getReader();
  await reader.read();
  const abortedAt = Date.now();
  controller.abort();
  const log = await storedLog(requestId);
  assert.equal(log.status, 'cancelled');
  assert.equal(log.http_status, 499);
  assert.equal(log.trace.attempts[0]?.outcome, 'cancelled');
  // The row is written as soon as the upstream call stops, long before the answer would have ended.
  assert.ok(Date.now() - abortedAt < 3000, 'the upstream call was aborted promptly');
});
