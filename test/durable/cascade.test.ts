// Cascade through the official openai client: early stop on an accepted answer, escalation on a
// rejected answer (quality) and on errors, JSON-schema accept checks, streaming, and the log row
// the workflow writes with its link to Temporal Web.
import assert from 'node:assert/strict';
import { after, afterEach, test } from 'node:test';
import { api } from '../helpers/admin-api.ts';
import { closePool, gatewayClient, simulatorPatch, resetUpstreams } from '../v1/helpers.ts';
import { createConfig, durableLog } from './helpers.ts';

afterEach(resetUpstreams);
after(closePool);

const ask = { messages: [{ role: 'user' as const, content: 'Explain in one paragraph why the sky is blue.' }] };

test('@cascade stops at the first model when its answer passes, and the workflow logs it', async () => {
  const { data, response } = await gatewayClient().chat.completions.create({ model: '@cascade', ...ask }).withResponse();
  assert.equal(data.model, 'claude-haiku-4-5');
  assert.ok(data.choices[0]?.message.content);
  assert.equal(response.headers.get('x-switchyard-strategy'), 'cascade');
  assert.equal(response.headers.get('x-switchyard-accepted'), 'true');
  const requestId = response.headers.get('x-switchyard-request-id')!;
  assert.equal(response.headers.get('x-switchyard-workflow-id'), requestId);
  const log = await durableLog(requestId);
  assert.equal(log.status, 'success');
  assert.equal(log.model, 'claude-haiku-4-5');
  assert.equal(log.workflow_id, requestId);
  assert.ok(log.workflow_run_id);
  assert.equal(log.trace.attempts.length, 1);
  assert.equal(log.trace.attempts[0]?.accepted, true);
  assert.ok(log.trace.totals.costUsd > 0);

  const viaApi = await api('GET', `/requests/${requestId}`);
  assert.equal(viaApi.status, 200);
  assert.equal(viaApi.body.trace.temporal.workflowId, requestId);
  assert.match(viaApi.body.trace.temporal.url, new RegExp(`/namespaces/default/workflows/${requestId}/${log.workflow_run_id}/history$`));
});

test('a cascade escalates when the cheap answer fails its accept checks (quality, not errors)', async () => {
  const model = await createConfig({
    strategy: 'cascade',
    attempts: [
      { model: 'gpt-4o-mini', timeout_ms: 3000, accept: { min_length: 100000 } },
      { model: 'gpt-4o', timeout_ms: 3000 },
    ],
  });
  const { data, response } = await gatewayClient().chat.completions.create({ model, ...ask }).withResponse();
  assert.equal(data.model, 'gpt-4o');
  const log = await durableLog(response.headers.get('x-switchyard-request-id')!);
  assert.deepEqual(log.trace.attempts.map((a) => [a.model, a.accepted]), [['gpt-4o-mini', false], ['gpt-4o', true]]);
  assert.match(log.trace.attempts[0]!.rejectReasons![0]!, /min_length 100000/);
  assert.match(log.trace.attempts[1]!.reason, /escalation to step 2 .*rejected/);
  // Both attempts were paid for.
  assert.ok(log.trace.attempts.every((a) => a.costUsd > 0));
});

test('a cascade escalates past an overloaded model and past a JSON answer that breaks the schema', async () => {
  await simulatorPatch('claude-haiku-4-5', { faults: { overloaded: 1 } });
  const model = await createConfig({
    strategy: 'cascade',
    attempts: [
      { model: 'claude-haiku-4-5', timeout_ms: 3000 },
      { model: 'gpt-4o-mini', timeout_ms: 3000, accept: { json_schema: { type: 'object', required: ['impossible_field'] } } },
      { model: 'gpt-4o', timeout_ms: 3000 },
    ],
    retry_on: [429, '5xx'],
  });
  const { data, response } = await gatewayClient().chat.completions.create({
    model, ...ask,
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] } } },
  }).withResponse();
  assert.equal(data.model, 'gpt-4o');
  assert.doesNotThrow(() => JSON.parse(data.choices[0]!.message.content!));
  const log = await durableLog(response.headers.get('x-switchyard-request-id')!);
  assert.deepEqual(log.trace.attempts.map((a) => a.errorKind ?? (a.accepted ? 'accepted' : 'rejected')), ['overloaded', 'rejected', 'accepted']);
  assert.match(log.trace.attempts[1]!.rejectReasons!.join(' '), /impossible_field/);
});

test('when no answer passes, the last one is returned (marked) or, with on_no_accept "error", a 502', async () => {
  const spec = (onNoAccept: string) => ({
    strategy: 'cascade',
    attempts: [{ model: 'gpt-4o-mini', timeout_ms: 3000, accept: { min_length: 100000 } }, { model: 'gpt-4o', timeout_ms: 3000, accept: { min_length: 100000 } }],
    on_no_accept: onNoAccept,
  });
  const lenient = await gatewayClient().chat.completions.create({ model: await createConfig(spec('return_last')), ...ask }).withResponse();
  assert.equal(lenient.data.model, 'gpt-4o');
  assert.equal(lenient.response.headers.get('x-switchyard-accepted'), 'false');
  const strict = await gatewayClient().chat.completions.create({ model: await createConfig(spec('error')), ...ask }).then(
    () => assert.fail('expected a 502'),
    (error: { status?: number; message?: string; headers?: Headers }) => error,
  );
  assert.equal(strict.status, 502);
  assert.match(strict.message ?? '', /no answer passed its accept checks/);
});

test('a streamed cascade answers with a valid SSE stream once decided, usage last', async () => {
  const stream = await gatewayClient().chat.completions.create({ model: '@cascade', ...ask, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let finish: string | null | undefined;
  let usage: { total_tokens: number } | undefined | null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    finish ??= chunk.choices[0]?.finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  assert.ok(text.length > 20);
  assert.equal(finish, 'stop');
  assert.ok(usage && usage.total_tokens > 0);
});
