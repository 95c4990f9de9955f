// Conformance of the simulator's OpenAI dialect, exercised through the official `openai` SDK.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startSimulator } from '../../simulator/server.ts';
import type { RunningSimulator } from '../../simulator/server.ts';

let sim: RunningSimulator;
let client: OpenAI;
const fast = { 'x-sim-behavior': JSON.stringify({ ttftMs: 0, tokensPerSecond: 1e6 }) };
const force = (behavior: Record<string, unknown>) => ({ headers: { 'x-sim-behavior': JSON.stringify(behavior) } });

before(async () => {
  sim = await startSimulator({ port: 0 });
  client = new OpenAI({ apiKey: 'sk-test', baseURL: `${sim.url}/openai/v1`, maxRetries: 0, defaultHeaders: fast });
});
after(() => sim.close());

describe('openai chat completions', () => {
  it('answers JSON with realistic usage and headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say something about routing.' }] })
      .withResponse();
    assert.equal(data.object, 'chat.completion');
    assert.equal(data.model, 'gpt-4o-2024-08-06');
    assert.match(data.id, /^chatcmpl-/);
    const choice = data.choices[0];
    assert.ok(choice?.message.content && choice.message.content.length > 0);
    assert.equal(choice.finish_reason, 'stop');
    assert.ok(data.usage && data.usage.prompt_tokens > 5 && data.usage.completion_tokens > 0);
    assert.equal(data.usage.total_tokens, data.usage.prompt_tokens + data.usage.completion_tokens);
    assert.equal(data.usage.prompt_tokens_details?.cached_tokens, 0);
    assert.equal(response.headers.get('x-ratelimit-limit-requests'), '10000');
    assert.ok(response.headers.get('x-ratelimit-remaining-requests'));
    assert.ok(response.headers.get('x-request-id'));
  });

  it('reports reasoning tokens for o4-mini', async () => {
    const r = await client.chat.completions.create({ model: 'o4-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.usage?.completion_tokens_details?.reasoning_tokens, 24);
  });

  it('streams chunks, a usage chunk and [DONE]', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Stream please.' }] });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      assert.equal(chunk.object, 'chat.completion.chunk');
      if (chunk.choices.length === 0) usage = chunk.usage;
      for (const c of chunk.choices) {
        text += c.delta.content ?? '';
        finish = c.finish_reason ?? finish;
      }
    }
    assert.ok(chunks > 3);
    assert.equal(finish, 'stop');
    assert.ok(usage && usage.completion_tokens > 0 && usage.prompt_tokens > 0);
    const json = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Stream please.' }] });
    assert.equal(text, json.choices[0]?.message.content, 'streamed text equals the JSON answer for the same request');
  });

  it('calls tools (JSON and streamed) and answers after a tool result', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city', 'unit'] } } },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const r = await client.chat.completions.create({ model: 'gpt-4.1', messages, tools });
    const call = r.choices[0]?.message.tool_calls?.[0];
    assert.equal(r.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call && call.type === 'function');
    assert.match(call.id, /^call_/);
    assert.equal(call.function.name, 'get_weather');
    const args = JSON.parse(call.function.arguments) as { city: string; unit: string };
    assert.equal(typeof args.city, 'string');
    assert.equal(args.unit, 'c');

    const stream = await client.chat.completions.create({ model: 'gpt-4.1', messages, tools, stream: true });
    let name = '';
    let argText = '';
    let id = '';
    for await (const chunk of stream) {
      for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) {
        assert.equal(tc.index, 0);
        id ||= tc.id ?? '';
        name += tc.function?.name ?? '';
        argText += tc.function?.arguments ?? '';
      }
    }
    assert.equal(name, 'get_weather');
    assert.equal(id, call.id);
    assert.deepEqual(JSON.parse(argText), args);

    const after = await client.chat.completions.create({
      model: 'gpt-4.1',
      tools,
      messages: [...messages, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '21C' }],
    });
    assert.equal(after.choices[0]?.finish_reason, 'stop');
    assert.ok(after.choices[0]?.message.content);
  });

  it('honours response_format, n, stop and max_tokens', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' }, score: { type: 'integer', minimum: 1, maximum: 5 }, tags: { type: 'array', items: { type: 'string' } } }, required: ['title', 'score', 'tags'] };
    const js = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Rate it.' }], response_format: { type: 'json_schema', json_schema: { name: 'rating', schema, strict: true } } });
    const parsed = JSON.parse(js.choices[0]?.message.content ?? '') as { title: string; score: number; tags: string[] };
    assert.equal(typeof parsed.title, 'string');
    assert.ok(Number.isInteger(parsed.score) && parsed.score >= 1 && parsed.score <= 5);
    assert.ok(Array.isArray(parsed.tags));
    const jo = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'JSON please' }], response_format: { type: 'json_object' } });
    assert.equal(typeof JSON.parse(jo.choices[0]?.message.content ?? ''), 'object');

    const multi = await client.chat.completions.create({ model: 'gpt-4o', n: 3, messages: [{ role: 'user', content: 'Vary.' }] });
    assert.deepEqual(multi.choices.map((c) => c.index), [0, 1, 2]);
    assert.equal(new Set(multi.choices.map((c) => c.message.content)).size, 3);

    const cut = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 3, messages: [{ role: 'user', content: 'Long answer' }] });
    assert.equal(cut.choices[0]?.finish_reason, 'length');
    assert.equal(cut.usage?.completion_tokens, 3);

    const { questions } = (await (await fetch(`${sim.url}/_sim/questions`)).json()) as { questions: Array<{ prompt: string }> };
    const stopped = await client.chat.completions.create({ model: 'gpt-4o', stop: ['Answer:'], messages: [{ role: 'user', content: questions[0]?.prompt ?? '' }] });
    assert.equal(stopped.choices[0]?.finish_reason, 'stop');
    assert.ok(!stopped.choices[0]?.message.content?.includes('Answer:'));
  });

  it('is deterministic for the same request and seed', async () => {
    const ask = (seed: number) => client.chat.completions.create({ model: 'gpt-4o', seed, messages: [{ role: 'user', content: 'Tell me a fact.' }] }).then((r) => r.choices[0]?.message.content);
    assert.equal(await ask(7), await ask(7));
    assert.notEqual(await ask(7), await ask(8));
  });

  it('lists models', async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    assert.deepEqual(ids.sort(), ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'o4-mini']);
    assert.equal((await client.models.retrieve('gpt-4o')).object, 'model');
  });
});

describe('openai errors', () => {
  it('maps 429 rate limits with retry headers to RateLimitError', async () => {
    const error = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, force({ force: 'rate_limit', retryAfterSeconds: 2 })).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.status, 429);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(error.headers?.get('retry-after'), '2');
    assert.equal(error.headers?.get('retry-after-ms'), '2000');
    assert.equal(error.headers?.get('x-ratelimit-remaining-requests'), '0');
  });

  it('reports exhausted quota as insufficient_quota without retry-after', async () => {
    const error = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, force({ force: 'quota' })).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.code, 'insufficient_quota');
    assert.equal(error.type, 'insufficient_quota');
    assert.equal(error.headers?.get('retry-after'), null);
  });

  it('maps 500, 503, 401, 404 and 400', async () => {
    const call = (opts?: object, c: OpenAI = client, model = 'gpt-4o') => c.chat.completions.create({ model, messages: [{ role: 'user', content: 'x' }] }, opts).catch((e: unknown) => e);
    assert.ok((await call(force({ force: 'server_error' }))) instanceof OpenAI.InternalServerError);
    const unavailable = await call(force({ force: 'overloaded' }));
    assert.ok(unavailable instanceof OpenAI.APIError && unavailable.status === 503);
    const notFound = await call(undefined, client, 'gpt-9');
    assert.ok(notFound instanceof OpenAI.NotFoundError && notFound.code === 'model_not_found');
    const raw = await fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    assert.equal(raw.status, 401);
    const body = (await raw.json()) as { error: { type: string; param: null; code: null } };
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
    const bad = await fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify({ model: 'gpt-4o' }) });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { param: string } }).error.param, 'messages');
  });

  it('lets the client abort a hang (timeout and AbortSignal)', async () => {
    const started = Date.now();
    const timedOut = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, { ...force({ force: 'hang' }), timeout: 150 }).catch((e: unknown) => e);
    assert.ok(timedOut instanceof OpenAI.APIConnectionTimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const aborted = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, { ...force({ force: 'hang' }), signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(aborted instanceof OpenAI.APIUserAbortError);
    assert.ok(Date.now() - started < 2000);
  });

  it('surfaces a mid-stream disconnect and a malformed frame as errors', async () => {
    const drain = async (behavior: Record<string, unknown>) => {
      const received: string[] = [];
      try {
        const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'x' }] }, force(behavior));
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
        return { error: undefined, received };
      } catch (error) {
        return { error, received };
      }
    };
    const disconnected = await drain({ force: 'disconnect', afterFrames: 3 });
    assert.ok(disconnected.error instanceof Error);
    assert.equal(disconnected.received.length, 3);
    const malformed = await drain({ force: 'malformed', afterFrames: 2 });
    assert.ok(malformed.error instanceof Error);
  });
});
