// The OpenAI-compatible endpoint through the official `openai` client: JSON, streaming with
// usage, tools, JSON mode, each provider's adapter, and a log row with its trace for each.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closePool, gatewayClient, storedLog } from './helpers.ts';

after(closePool);

test('@production answers a chat completion and logs it with its trace', async () => {
  const client = gatewayClient();
  const { data, response } = await client.chat.completions
    .create({ model: '@production', messages: [{ role: 'user', content: 'Say hello' }], metadata: { team: 'search' } }, { headers: { 'x-switchyard-tags': 'tier=free' } })
    .withResponse();
  assert.equal(data.object, 'chat.completion');
  assert.equal(data.model, 'gpt-4o-mini');
  assert.ok(data.choices[0]?.message.content);
  assert.equal(data.choices[0]?.finish_reason, 'stop');
  assert.ok((data.usage?.prompt_tokens ?? 0) > 0 && (data.usage?.completion_tokens ?? 0) > 0);
  const requestId = response.headers.get('x-switchyard-request-id');
  assert.match(requestId ?? '', /^req_[A-Za-z0-9]{24}$/);
  assert.equal(data.id, `chatcmpl-${requestId}`);
  assert.equal(response.headers.get('x-switchyard-model'), 'gpt-4o-mini');
  assert.equal(response.headers.get('x-switchyard-provider'), 'openai');
  assert.equal(response.headers.get('x-switchyard-config'), 'production');
  assert.match(response.headers.get('x-switchyard-config-version') ?? '', /^\d+$/);

  const log = await storedLog(requestId!);
  assert.equal(log.status, 'success');
  assert.equal(log.http_status, 200);
  assert.equal(log.model, 'gpt-4o-mini');
  assert.equal(log.input_tokens, data.usage?.prompt_tokens);
  assert.ok(Number(log.cost_usd) > 0, 'cost computed from usage and the catalog');
  assert.deepEqual(log.tags, { team: 'search', tier: 'free' });
  assert.equal(log.trace.strategy, 'fallback');
  assert.equal(log.trace.config?.name, 'production');
  assert.equal(log.trace.plan.length, 3);
  assert.equal(log.trace.attempts.length, 1);
  assert.equal(log.trace.attempts[0]?.outcome, 'success');
  assert.equal(log.trace.winner, 0);
});

test('streams chunks with a final usage chunk and logs the stream', async () => {
  const client = gatewayClient();
  const { data: stream, response } = await client.chat.completions
    .create({ model: '@production', messages: [{ role: 'user', content: 'Count to five' }], stream: true, stream_options: { include_usage: true } })
    .withResponse();
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  let text = '';
  let usageChunks = 0;
  let finish: string | null = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) {
      usageChunks++;
      assert.deepEqual(chunk.choices, []);
      assert.ok(chunk.usage.completion_tokens > 0);
    }
    text += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.ok(chunks > 3, 'the answer arrives in several chunks');
  assert.ok(text.length > 0);
  assert.equal(finish, 'stop');
  assert.equal(usageChunks, 1);
  const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
  assert.equal(log.stream, true);
  assert.equal(log.status, 'success');
  assert.ok(log.output_tokens > 0);
  assert.equal(log.trace.committedToClient, true);
});

test('tool calls, JSON and streamed, round-trip through every provider', async () => {
  const client = gatewayClient();
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
  for (const model of ['gpt-4o-mini', 'anthropic/claude-haiku-4-5', 'gemini-2.5-flash']) {
    const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    assert.ok(call && call.type === 'function', `${model}: a tool call`);
    assert.equal(call.function.name, 'get_weather');
    assert.equal(typeof JSON.parse(call.function.arguments), 'object');
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');

    const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools, stream: true });
    let args = '';
    let name = '';
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        name += delta.function?.name ?? '';
        args += delta.function?.arguments ?? '';
      }
    }
    assert.equal(name, 'get_weather', `${model}: streamed tool name`);
    assert.equal(typeof JSON.parse(args), 'object', `${model}: streamed arguments parse`);

    const followUp = await client.chat.completions.create({
      model,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: call.function }] },
        { role: 'tool', tool_call_id: call.id, content: '{"temperature_c":21}' },
      ],
    });
    assert.ok(followUp.choices[0]?.message.content, `${model}: answers after the tool result`);
  }
});

test('response_format json_object yields JSON from each provider', async () => {
  const client = gatewayClient();
  for (const model of ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash']) {
    const completion = await client.chat.completions.create({
      model,
      response_format: { type: 'json_object' },
      messages: [{ role: 'user', content: 'Reply in JSON with a field "greeting".' }],
    });
    assert.doesNotThrow(() => JSON.parse(completion.choices[0]?.message.content ?? ''), `${model}: valid JSON`);
  }
});

test('GET /v1/models lists catalog models and the project configs as @name', async () => {
  const models = await gatewayClient().models.list();
  const ids = models.data.map((m) => m.id);
  for (const id of ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash', '@production']) assert.ok(ids.includes(id), id);
});
