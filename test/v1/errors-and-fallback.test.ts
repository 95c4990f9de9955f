// Every error status in OpenAI's shape through the official client, and fallback driven through
// the simulator's control API, asserting both the response and the stored trace.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import OpenAI from 'openai';
import { after, afterEach, test } from 'node:test';
import { api } from '../helpers/admin-api.ts';
import { harnessStack } from '../helpers/stack.ts';
import { closePool, gatewayClient, simulatorPatch, resetUpstreams, storedLog } from './helpers.ts';

afterEach(resetUpstreams);
after(closePool);

const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };

async function raw(body: string, headers: Record<string, string> = {}) {
  const stack = harnessStack();
  const response = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.demoApiKey}`, 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error: { message: string; type: string; code: string | null; param: string | null } } };
}

test('401 for a missing or unknown key, in OpenAI shape', async () => {
  await assert.rejects(gatewayClient('sy_live_nottherightkey0000000000000000').chat.completions.create({ model: '@production', ...ask }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.AuthenticationError);
    assert.equal(error.code, 'invalid_api_key');
    return true;
  });
  const response = await fetch(`${harnessStack().gatewayUrl}/v1/chat/completions`, { method: 'POST', body: '{}' });
  assert.equal(response.status, 401);
});

test('400 for malformed JSON, wrong types and unknown arguments, naming the field', async () => {
  const malformed = await raw('{"model": "@production", "messages": [');
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.error.code, 'invalid_json');
  const wrongType = await raw(JSON.stringify({ model: '@production', messages: 'hello' }));
  assert.equal(wrongType.status, 400);
  assert.equal(wrongType.body.error.param, 'messages');
  const unknown = await raw(JSON.stringify({ model: '@production', ...ask, frobnicate: true }));
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error.message, /frobnicate/);
  await assert.rejects(gatewayClient().chat.completions.create({ model: '@production', messages: [], temperature: 9 }), OpenAI.BadRequestError);
});

test('404 model_not_found for an unknown model, config or version', async () => {
  for (const model of ['no-such-model', '@no-such-config', '@production@999', 'anthropic/gpt-4o-mini']) {
    await assert.rejects(gatewayClient().chat.completions.create({ model, ...ask }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError, `${model}: ${String(error)}`);
      assert.equal(error.code, 'model_not_found');
      return true;
    });
  }
});

test('413 for a body over the limit', async () => {
  const huge = JSON.stringify({ model: '@production', messages: [{ role: 'user', content: 'x'.repeat(21 * 1024 * 1024) }] });
  // Several times over: the answer arrives while the client is still uploading, and must be read
  // rather than lost to a reset connection.
  for (let i = 0; i < 3; i++) {
    const response = await raw(huge);
    assert.equal(response.status, 413);
    assert.equal(response.body.error.code, 'request_too_large');
  }
  // Without a Content-Length (chunked), the limit is found while reading.
  const { gatewayUrl, demoApiKey } = harnessStack();
  const bytes = new TextEncoder().encode(huge);
  const chunked = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${demoApiKey}`, 'content-type': 'application/json' },
    body: new ReadableStream({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 1024 * 1024) controller.enqueue(bytes.subarray(offset, offset + 1024 * 1024));
        controller.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);
  assert.equal(chunked.status, 413);
  assert.equal(((await chunked.json()) as { error: { code: string } }).error.code, 'request_too_large');
});

test('408 when the client stops sending its body (the harness sets a 1.5 s body timeout)', async () => {
  const { gatewayUrl, demoApiKey } = harnessStack();
  const url = new URL(gatewayUrl);
  const socket = net.connect(Number(url.port), url.hostname);
  await once(socket, 'connect');
  socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${demoApiKey}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"model":"@prod`);
  let reply = '';
  socket.on('data', (chunk: Buffer) => { reply += chunk.toString(); });
  const started = Date.now();
  await once(socket, 'close');
  assert.match(reply, /^HTTP\/1\.1 408 /);
  assert.match(reply, /"code":"request_timeout"/);
  assert.ok(Date.now() - started < 5000);
});

test('fallback: a primary answering 429 with Retry-After moves to the next provider', async () => {
  await simulatorPatch('gpt-4o-mini', { faults: { rate_limit: 1 }, retryAfterSeconds: 30 });
  const { data, response } = await gatewayClient().chat.completions.create({ model: '@production', ...ask }).withResponse();
  assert.equal(data.model, 'claude-haiku-4-5');
  assert.equal(response.headers.get('x-switchyard-attempts'), '2');
  const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
  assert.deepEqual(log.trace.attempts.map((a) => [a.model, a.outcome, a.errorKind ?? null]), [
    ['gpt-4o-mini', 'error', 'rate_limited'],
    ['claude-haiku-4-5', 'success', null],
  ]);
  assert.match(log.trace.attempts[1]?.reason ?? '', /fallback to step 2 of 3 after rate_limited/);
});

test('fallback: 503 on the first two providers lands on the third', async () => {
  await simulatorPatch('gpt-4o-mini', { faults: { unavailable: 1 } });
  await simulatorPatch('claude-haiku-4-5', { faults: { overloaded: 1 } });
  const { data, response } = await gatewayClient().chat.completions.create({ model: '@production', ...ask }).withResponse();
  assert.equal(data.model, 'gemini-2.5-flash');
  const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
  assert.deepEqual(log.trace.attempts.map((a) => a.errorKind ?? 'ok'), ['overloaded', 'overloaded', 'ok']);
});

test('fallback: a hang past the attempt timeout moves on', async () => {
  await simulatorPatch('gpt-4o-mini', { faults: { hang: 1 } });
  const started = Date.now();
  const { data, response } = await gatewayClient().chat.completions.create({ model: '@production', ...ask }).withResponse();
  assert.equal(data.model, 'claude-haiku-4-5');
  const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
  assert.equal(log.trace.attempts[0]?.errorKind, 'timeout');
  assert.ok(log.trace.attempts[0]!.latencyMs >= 1900, 'waited for the attempt timeout');
  assert.ok(Date.now() - started < 10_000);
});

test('fallback: a stream dropped before the first byte falls back; after it, the stream ends with an error', async () => {
  await simulatorPatch('gpt-4o-mini', { faults: { disconnect: 1 } });
  // Before the first byte: a JSON body dropped → the client never sees it.
  const json = await gatewayClient().chat.completions.create({ model: '@production', ...ask }).withResponse();
  assert.equal(json.data.model, 'claude-haiku-4-5');

  // After the first byte: frames were forwarded, so the failure ends the stream in OpenAI's shape.
  const stream = await gatewayClient().chat.completions.create({ model: 'gpt-4o-mini', ...ask, stream: true }).withResponse();
  let received = 0;
  await assert.rejects(async () => {
    for await (const _chunk of stream.data) received++;
  }, /stream|upstream|network/i);
  const log = await storedLog(stream.response.headers.get('x-switchyard-request-id')!);
  assert.equal(log.trace.committedToClient, true);
  assert.equal(log.error_class, 'network');
  assert.equal(log.status, 'error', 'a stream that failed after its first byte is an error, though its status was 200');
  assert.equal(log.http_status, 200);
  assert.ok(received >= 0);
});

test('every provider failing returns the last error, normalised, with the right status', async () => {
  for (const model of ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash']) await simulatorPatch(model, { faults: { rate_limit: 1 }, retryAfterSeconds: 7 });
  await assert.rejects(gatewayClient().chat.completions.create({ model: '@production', ...ask }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.RateLimitError, String(error));
    assert.equal(error.headers?.get('retry-after'), '7');
    const body = error.error as { provider_error?: { kind: string; provider: string } };
    assert.equal(body.provider_error?.kind, 'rate_limited');
    assert.equal(body.provider_error?.provider, 'gemini');
    return true;
  });
  await resetUpstreams(); // PATCH merges faults: start each phase from the clean scenario
  for (const model of ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash']) await simulatorPatch(model, { faults: { server_error: 1 } });
  await assert.rejects(gatewayClient().chat.completions.create({ model: '@production', ...ask }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError && error.status === 502, String(error));
    return true;
  });
  await resetUpstreams();
  await simulatorPatch('gpt-4o-mini', { faults: { quota: 1 } });
  await assert.rejects(gatewayClient().chat.completions.create({ model: 'gpt-4o-mini', ...ask }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.code, 'insufficient_quota');
    return true;
  });
});

test('a key created through the API works at once and stops working within a second of revocation', async () => {
  const created = await api('POST', '/projects/demo/api-keys', { body: { name: 'revocation test' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const client = gatewayClient(created.body.secret as string);
  await client.chat.completions.create({ model: 'gpt-4o-mini', ...ask });
  assert.equal((await api('POST', `/projects/demo/api-keys/${created.body.id as string}/revoke`)).status, 200);
  const revokedAt = Date.now();
  let refusedAfterMs: number | undefined;
  while (refusedAfterMs === undefined && Date.now() - revokedAt < 1500) {
    try {
      await client.chat.completions.create({ model: 'gpt-4o-mini', ...ask });
    } catch (error) {
      if (error instanceof OpenAI.AuthenticationError) refusedAfterMs = Date.now() - revokedAt;
    }
  }
  assert.ok(refusedAfterMs !== undefined, 'the revoked key is refused within about a second');
});
