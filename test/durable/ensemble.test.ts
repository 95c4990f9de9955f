// Ensemble through the official openai client: weighted and majority votes over the simulator's
// labelled questions, early decision with the slow member cancelled (and still charged),
// first_valid, quorum failure, streaming, and config validation at save time.
import assert from 'node:assert/strict';
import { after, afterEach, test } from 'node:test';
import { api } from '../helpers/admin-api.ts';
import { closePool, gatewayClient, simulatorPatch, resetUpstreams } from '../v1/helpers.ts';
import { bankQuestions, createConfig, durableLog } from './helpers.ts';

afterEach(resetUpstreams);
after(closePool);

const members = ['claude-haiku-4-5', 'gpt-4o-mini', 'gemini-2.5-flash'];

test('@ensemble: a weighted vote over a labelled question, votes in headers and trace', async () => {
  for (const model of members) await simulatorPatch(model, { accuracy: 1 });
  const [question] = await bankQuestions();
  const { data, response } = await gatewayClient().chat.completions.create({ model: '@ensemble', messages: [{ role: 'user', content: question!.prompt }] }).withResponse();
  assert.match(data.choices[0]!.message.content!, new RegExp(`Answer: ${question!.answer}`));
  assert.equal(response.headers.get('x-switchyard-strategy'), 'ensemble');
  assert.match(response.headers.get('x-switchyard-votes') ?? '', new RegExp(`^${question!.answer}=`));
  const log = await durableLog(response.headers.get('x-switchyard-request-id')!);
  assert.equal(log.status, 'success');
  assert.equal(log.trace.aggregation?.method, 'weighted_vote');
  assert.equal(log.trace.aggregation?.votes[0]?.key, question!.answer);
  assert.ok(log.trace.attempts.filter((a) => a.outcome === 'success').every((a) => a.vote === question!.answer));
});

test('the outcome is decided early: the slow member is cancelled and its prompt still charged', async () => {
  await simulatorPatch('claude-haiku-4-5', { accuracy: 1 });
  await simulatorPatch('gpt-4o-mini', { accuracy: 1 });
  await simulatorPatch('gemini-2.5-flash', { ttftMs: { mean: 4000, jitter: 0 } });
  const [, question] = await bankQuestions();
  const started = Date.now();
  const { response } = await gatewayClient().chat.completions.create({ model: '@ensemble', messages: [{ role: 'user', content: question!.prompt }] }).withResponse();
  assert.ok(Date.now() - started < 3500, 'decided without waiting for the slow member');
  const log = await durableLog(response.headers.get('x-switchyard-request-id')!);
  assert.deepEqual(log.trace.aggregation?.cancelledMembers, [2]);
  const cancelled = log.trace.attempts.find((a) => a.model === 'gemini-2.5-flash')!;
  assert.equal(cancelled.outcome, 'cancelled');
  assert.equal(cancelled.costEstimated, true);
  assert.ok(cancelled.costUsd > 0 && cancelled.inputTokens > 0);
  assert.match(log.trace.aggregation!.reason, /still running/);
});

test('majority vote: two wrong members outvote one right member; ties go to the config order', async () => {
  const [, , question] = await bankQuestions();
  const model = await createConfig({ strategy: 'ensemble', aggregation: 'majority_vote', members: [{ model: 'gpt-4o-mini' }, { model: 'gpt-4o' }, { model: 'claude-haiku-4-5' }], timeout_ms: 5000 });
  await simulatorPatch('gpt-4o-mini', { accuracy: 1 });
  await simulatorPatch('gpt-4o', { accuracy: 0 });
  await simulatorPatch('claude-haiku-4-5', { accuracy: 0 });
  const { response } = await gatewayClient().chat.completions.create({ model, messages: [{ role: 'user', content: question!.prompt }] }).withResponse();
  const log = await durableLog(response.headers.get('x-switchyard-request-id')!);
  const votes = log.trace.aggregation!.votes;
  const wrongVotes = log.trace.attempts.filter((a) => a.model !== 'gpt-4o-mini').map((a) => a.vote);
  if (wrongVotes[0] === wrongVotes[1]) {
    assert.equal(votes[0]!.key, wrongVotes[0], 'the agreeing wrong members win');
    assert.notEqual(votes[0]!.key, question!.answer);
  } else {
    // Three different answers: a three-way tie goes to the first member in the config.
    assert.equal(log.trace.aggregation!.winnerMember, 0);
    assert.equal(votes[0]!.key, question!.answer);
    assert.match(log.trace.aggregation!.reason, /tie broken by config order/);
  }
});

test('first_valid takes the first valid answer; a quorum that cannot be met fails with 502', async () => {
  const fast = await createConfig({ strategy: 'ensemble', aggregation: 'first_valid', members: [{ model: 'gpt-4o' }, { model: 'gpt-4o-mini' }], timeout_ms: 5000 });
  await simulatorPatch('gpt-4o', { ttftMs: { mean: 1500, jitter: 0 } });
  const { data } = await gatewayClient().chat.completions.create({ model: fast, messages: [{ role: 'user', content: 'hello' }] }).withResponse();
  assert.equal(data.model, 'gpt-4o-mini');

  await resetUpstreams();
  const quorum = await createConfig({ strategy: 'ensemble', aggregation: 'majority_vote', quorum: 2, members: [{ model: 'gpt-4o' }, { model: 'claude-haiku-4-5' }], timeout_ms: 5000 });
  await simulatorPatch('claude-haiku-4-5', { faults: { server_error: 1 } });
  const failure = await gatewayClient().chat.completions.create({ model: quorum, messages: [{ role: 'user', content: 'hello' }] }).then(
    () => assert.fail('expected the quorum to fail'),
    (error: { status?: number; message?: string }) => error,
  );
  assert.equal(failure.status, 502);
  assert.match(failure.message ?? '', /quorum 2 not met/);
});

test('a streamed ensemble answers with a valid SSE stream', async () => {
  const stream = await gatewayClient().chat.completions.create({ model: '@ensemble', messages: [{ role: 'user', content: 'hello' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  assert.ok(text.length > 0);
});

test('bad ensemble and cascade specs are refused at save time, naming the field', async () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ strategy: 'ensemble', aggregation: 'majority_vote', members: [] }, 'members', /at least two/],
    [{ strategy: 'ensemble', aggregation: 'majority_vote', members: [{ model: 'gpt-4o' }, { model: 'gpt-4o' }] }, 'members[1].model', /duplicate/],
    [{ strategy: 'ensemble', aggregation: 'weighted_vote', members: [{ model: 'gpt-4o', weight: -1 }, { model: 'gpt-4o-mini' }] }, 'members[0].weight', /negative/],
    [{ strategy: 'ensemble', aggregation: 'weighted_vote', members: [{ model: 'gpt-4o', weight: 0 }, { model: 'gpt-4o-mini', weight: 0 }] }, 'members', /all zero/],
    [{ strategy: 'ensemble', aggregation: 'majority_vote', timeout_ms: 1000, members: [{ model: 'gpt-4o', timeout_ms: 2000 }, { model: 'gpt-4o-mini' }] }, 'members[0].timeout_ms', /cannot fit/],
    [{ strategy: 'ensemble', aggregation: 'majority_vote', quorum: 3, members: [{ model: 'gpt-4o' }, { model: 'gpt-4o-mini' }] }, 'quorum', /more than the 2 members/],
    [{ strategy: 'cascade', attempts: [{ model: 'gpt-4o', accept: { json_schema: { type: 'object', patternProperties: {} } } }] }, 'attempts[0].accept.json_schema.patternProperties', /cannot be evaluated/],
    [{ strategy: 'cascade', attempts: [{ model: 'gpt-4o', accept: { rule: 'cost < 1' } }] }, 'attempts[0].accept.rule', /unknown field/],
    [{ strategy: 'cascade', deadline_ms: 1000, attempts: [{ model: 'gpt-4o', timeout_ms: 5000 }] }, 'attempts[0].timeout_ms', /cannot fit/],
  ];
  for (const [spec, field, message] of cases) {
    const response = await api('POST', '/projects/demo/configs', { body: { name: `bad-${Date.now()}`, spec } });
    assert.equal(response.status, 400, JSON.stringify(spec));
    const text = JSON.stringify(response.body);
    assert.ok(text.includes(`"spec.${field}"`) || text.includes(`"${field}"`), `${JSON.stringify(spec)} → ${text}`);
    assert.match(text, message, text);
  }
});
