// The pure answer logic shared by workflows and the replay simulator: what counts as the same
// answer, the accept checks, the JSON-schema subset, and the vote tally with its tie rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ACCEPT, evaluateAccept } from '../../core/answers/accept.ts';
import { AcceptChecks } from '../../core/answers/accept-schema.ts';
import { answerKey, canonicalJson } from '../../core/answers/answer-key.ts';
import { compileProblems, validateJson } from '../../core/answers/json-schema.ts';
import { Tally } from '../../core/answers/tally.ts';
import type { ChatChoice } from '../../core/chat.ts';

const choice = (content: string, extra: Partial<ChatChoice> = {}): ChatChoice => ({ index: 0, content, toolCalls: [], finishReason: 'stop', ...extra });

test('answer keys: labels, canonical JSON, normalised text and tool calls', () => {
  assert.deepEqual(answerKey(choice('Working through it, the best choice is B) 42.\n\nAnswer: B')), { kind: 'label', key: 'B' });
  assert.deepEqual(answerKey(choice('(c)')), { kind: 'label', key: 'C' });
  assert.deepEqual(answerKey(choice('The answer is D.')), { kind: 'label', key: 'D' });
  assert.deepEqual(answerKey(choice('{"answer": "a"}'), { type: 'json_object' }), { kind: 'label', key: 'A' });
  assert.equal(answerKey(choice('{"b": 1, "a": [2, {"d": 1, "c": 0}]}')).key, '{"a":[2,{"c":0,"d":1}],"b":1}');
  assert.equal(answerKey(choice('```json\n{"x": 1}\n```'), { type: 'json_object' }).key, '{"x":1}');
  assert.equal(answerKey(choice('  Paris.  ')).key, answerKey(choice('"paris"')).key);
  assert.equal(answerKey(choice('', { toolCalls: [{ id: '1', name: 'f', arguments: '{"b":1,"a":2}' }] })).key, 'f({"a":2,"b":1})');
  assert.equal(canonicalJson({ z: null, a: 'x' }), '{"a":"x","z":null}');
});

test('accept checks: finish reason, length, refusal, JSON and schema', () => {
  assert.equal(evaluateAccept(DEFAULT_ACCEPT, choice('fine'), undefined).accepted, true);
  assert.match(evaluateAccept(DEFAULT_ACCEPT, choice('cut', { finishReason: 'length' }), undefined).reasons[0]!, /finish reason "length"/);
  const strict = AcceptChecks.parse({ min_length: 10, no_refusal: true });
  assert.equal(evaluateAccept(strict, choice('short'), undefined).accepted, false);
  assert.deepEqual(evaluateAccept(strict, choice("I'm sorry, but I can't help with that request."), undefined).reasons, ['the model refused']);
  assert.equal(evaluateAccept(strict, choice('I cannot stress enough how blue the sky is.'), undefined).accepted, true);
  assert.equal(evaluateAccept(DEFAULT_ACCEPT, choice('not json'), { type: 'json_object' }).accepted, false);
  const schema = { type: 'json_schema' as const, name: 'a', schema: { type: 'object', required: ['answer'], properties: { answer: { enum: ['A', 'B'] } } } };
  assert.equal(evaluateAccept(DEFAULT_ACCEPT, choice('{"answer":"B"}'), schema).accepted, true);
  assert.match(evaluateAccept(DEFAULT_ACCEPT, choice('{"answer":"E"}'), schema).reasons[0]!, /must be one of/);
});

test('the JSON-schema subset validates and refuses what it cannot check', () => {
  const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 1 }, tags: { type: 'array', items: { $ref: '#/$defs/tag' } } }, required: ['n'], additionalProperties: false, $defs: { tag: { type: 'string', pattern: '^[a-z]+$' } } };
  assert.deepEqual(compileProblems(schema), []);
  assert.deepEqual(validateJson(schema, { n: 2, tags: ['ok'] }), []);
  assert.equal(validateJson(schema, { n: 0, tags: ['Bad'], extra: 1 }).length, 3);
  assert.match(compileProblems({ type: 'object', if: {} })[0]!.message, /unsupported JSON Schema keyword "if"/);
  assert.match(compileProblems({ $ref: '#/$defs/missing' })[0]!.message, /cannot resolve/);
});

test('tally: early decision, weights, quorum, ties by config order, first_valid', () => {
  const label = (key: string) => ({ status: 'valid' as const, key: { kind: 'label' as const, key } });
  const weighted = new Tally({ aggregation: 'weighted_vote', weights: [1, 1, 0.8], quorum: 1 });
  weighted.record(1, label('B'));
  assert.equal(weighted.decide(), undefined, '1 vs 0 with 1.8 still running is open');
  weighted.record(0, label('B'));
  const early = weighted.decide();
  assert.equal(early?.status, 'won');
  assert.equal(early?.status === 'won' && early.winner, 0, 'the first member in config order of the winning group answers');

  const tie = new Tally({ aggregation: 'majority_vote', weights: [1, 1], quorum: 1 });
  tie.record(1, label('A'));
  tie.record(0, label('B'));
  const decided = tie.decide();
  assert.equal(decided?.status === 'won' && decided.key, 'B');
  assert.match(decided?.reason ?? '', /tie broken by config order/);

  const quorum = new Tally({ aggregation: 'majority_vote', weights: [1, 1, 1], quorum: 2 });
  quorum.record(0, label('A'));
  quorum.record(1, { status: 'failed', error: 'boom' });
  assert.equal(quorum.decide(), undefined);
  quorum.record(2, { status: 'rejected', reasons: ['x'] });
  assert.equal(quorum.decide()?.status, 'failed');

  const timedOut = new Tally({ aggregation: 'majority_vote', weights: [1, 1, 1], quorum: 1 });
  timedOut.record(2, label('C'));
  assert.equal(timedOut.decide(), undefined);
  assert.equal(timedOut.conclude().status, 'won');

  const first = new Tally({ aggregation: 'first_valid', weights: [1, 1], quorum: 1 });
  first.record(1, { status: 'rejected', reasons: ['short'] });
  assert.equal(first.decide(), undefined);
  first.record(0, label('Z'));
  assert.equal(first.decide()?.status === 'won' && first.decide()?.status, 'won');
});
