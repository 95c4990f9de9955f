// Conformance of the simulator's Anthropic dialect, exercised through @anthropic-ai/sdk.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { startSimulator } from '../../simulator/server.ts';
import type { RunningSimulator } from '../../simulator/server.ts';

let sim: RunningSimulator;
let client: Anthropic;
const force = (behavior: Record<string, unknown>) => ({ headers: { 'x-sim-behavior': JSON.stringify(behavior) } });
const weatherTool: Anthropic.Tool = { name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

before(async () => {
  sim = await startSimulator({ port: 0 });
  client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: `${sim.url}/anthropic`, maxRetries: 0, defaultHeaders: { 'x-sim-behavior': JSON.stringify({ ttftMs: 0, tokensPerSecond: 1e6 }) } });
});
after(() => sim.close());

describe('anthropic messages', () => {
  it('answers JSON with usage and rate-limit headers', async () => {
    const { data, response } = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello there' }] }).withResponse();
    assert.equal(data.type, 'message');
    assert.equal(data.role, 'assistant');
    assert.equal(data.model, 'claude-sonnet-4-5-20250929');
    assert.match(data.id, /^msg_01/);
    assert.equal(data.stop_reason, 'end_turn');
    const block = data.content[0];
    assert.ok(block?.type === 'text' && block.text.length > 0);
    assert.ok(data.usage.input_tokens > 3 && data.usage.output_tokens > 0);
    assert.equal(data.usage.cache_read_input_tokens, 0);
    assert.equal(response.headers.get('anthropic-ratelimit-requests-limit'), '10000');
    assert.ok(response.headers.get('request-id'));
  });

  it('streams the named event sequence and assembles the same text', async () => {
    const stream = client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user', content: 'Stream this' }] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalMessage();
    assert.equal(types[0], 'message_start');
    assert.equal(types[1], 'content_block_start');
    assert.ok(types.includes('content_block_delta'));
    assert.deepEqual(types.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
    assert.equal(final.stop_reason, 'end_turn');
    assert.ok(final.usage.output_tokens > 1);
    const json = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user', content: 'Stream this' }] });
    assert.deepEqual(final.content, json.content);
  });

  it('uses tools (JSON and input_json_delta stream) and continues after a tool_result', async () => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const r = await client.messages.create({ model: 'claude-opus-4-1', max_tokens: 300, tools: [weatherTool], messages });
    assert.equal(r.stop_reason, 'tool_use');
    const use = r.content[0];
    assert.ok(use?.type === 'tool_use');
    assert.match(use.id, /^toolu_01/);
    assert.equal(typeof (use.input as { city: string }).city, 'string');
    const stream = client.messages.stream({ model: 'claude-opus-4-1', max_tokens: 300, tools: [weatherTool], messages });
    let partial = '';
    for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') partial += event.delta.partial_json;
    assert.deepEqual(JSON.parse(partial), use.input);
    const final = await stream.finalMessage();
    assert.deepEqual(final.content[0], use);
    const next = await client.messages.create({
      model: 'claude-opus-4-1',
      max_tokens: 300,
      tools: [weatherTool],
      messages: [...messages, { role: 'assistant', content: r.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '3C' }] }],
    });
    assert.equal(next.stop_reason, 'end_turn');
  });

  it('stops at stop_sequences and at max_tokens', async () => {
    const { questions } = (await (await fetch(`${sim.url}/_sim/questions`)).json()) as { questions: Array<{ prompt: string }> };
    const r = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, stop_sequences: ['Answer:'], messages: [{ role: 'user', content: questions[1]?.prompt ?? '' }] });
    assert.equal(r.stop_reason, 'stop_sequence');
    assert.equal(r.stop_sequence, 'Answer:');
    const cut = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 4, messages: [{ role: 'user', content: 'Long' }] });
    assert.equal(cut.stop_reason, 'max_tokens');
    assert.equal(cut.usage.output_tokens, 4);
  });

  it('lists models under /anthropic and at plain /v1/models with anthropic headers', async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    assert.deepEqual(ids.sort(), ['claude-haiku-4-5', 'claude-opus-4-1', 'claude-sonnet-4-5']);
    const plain = new Anthropic({ apiKey: 'k', baseURL: sim.url, maxRetries: 0 });
    const page = await plain.models.list();
    assert.equal(page.data.length, 3);
  });
});

describe('anthropic errors', () => {
  const ask = (opts?: object, c: Anthropic = client, model = 'claude-haiku-4-5') => c.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: 'x' }] }, opts).catch((e: unknown) => e);

  it('maps 529 overloaded_error and 500', async () => {
    const overloaded = await ask(force({ force: 'overloaded' }));
    assert.ok(overloaded instanceof Anthropic.APIError);
    assert.equal(overloaded.status, 529);
    assert.deepEqual((overloaded.error as { type: string; error: { type: string } }).error.type, 'overloaded_error');
    assert.equal((overloaded.error as { type: string }).type, 'error');
    assert.ok((await ask(force({ force: 'server_error' }))) instanceof Anthropic.InternalServerError);
  });

  it('maps 429 with retry-after and anthropic-ratelimit headers', async () => {
    const limited = await ask(force({ force: 'rate_limit', retryAfterSeconds: 3 }));
    assert.ok(limited instanceof Anthropic.RateLimitError);
    assert.equal(limited.headers?.get('retry-after'), '3');
    assert.equal(limited.headers?.get('anthropic-ratelimit-requests-remaining'), '0');
  });

  it('answers 401 without x-api-key, 404 for unknown models, 400 for bad bodies', async () => {
    const raw = await fetch(`${sim.url}/anthropic/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: '{}' });
    assert.equal(raw.status, 401);
    assert.deepEqual(await raw.json(), { type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
    assert.ok((await ask(undefined, client, 'claude-9')) instanceof Anthropic.NotFoundError);
    const bad = await fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model: 'claude-haiku-4-5', messages: [] }) });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
  });

  it('aborts a hang via the client timeout and errors on a mid-stream disconnect', async () => {
    const hung = await ask({ ...force({ force: 'hang' }), timeout: 150 });
    assert.ok(hung instanceof Anthropic.APIConnectionTimeoutError);
    const stream = client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'x' }] }, force({ force: 'disconnect', afterFrames: 4 }));
    await assert.rejects(stream.finalMessage());
  });
});
