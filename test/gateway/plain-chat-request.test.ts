// plainChatRequest is a shortcut past ChatCompletionRequest: it may only vouch for bodies the
// schema accepts unchanged. Checked on generated bodies that mix valid and invalid values for
// every field it knows, unknown fields and message variants, from a fixed seed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatCompletionRequest } from '../../gateway/openai/chat-request.ts';
import { plainChatRequest } from '../../gateway/openai/plain-chat-request.ts';
import { createRng } from '../../simulator/rng.ts';

const long = (n: number) => 'x'.repeat(n);
const numbers = [0, 1, -1, 0.5, 1.5, 2, 2.5, 128, 129, 1e21, 2 ** 53, -(2 ** 53), 3.0000001];
const VALUES: Record<string, unknown[]> = {
  model: ['gpt-4o-mini', '@production', '', 7, null],
  stream: [true, false, null, 'yes', 0],
  stream_options: [{ include_usage: true }, { include_usage: false, include_obfuscation: true }, {}, null, { include_usage: 'yes' }, { other: true }, []],
  max_tokens: [...numbers, null, '16'],
  max_completion_tokens: [...numbers, null],
  temperature: [...numbers, null, '1'],
  top_p: [...numbers, null],
  n: [...numbers, null],
  stop: ['\n', ['a', 'b'], ['a', 'b', 'c', 'd', 'e'], [], [1], null, 5],
  seed: [...numbers, null],
  user: ['user-1', '', null, 3],
  metadata: [{ team: 'search' }, {}, null, { [long(64)]: 'v' }, { [long(65)]: 'v' }, { k: long(512) }, { k: long(513) }, { k: 1 }, ['a']],
  tools: [[{ type: 'function', function: { name: 'f' } }]],
  response_format: [{ type: 'json_object' }],
  logprobs: [true],
  unknown_field: [1],
};
const MESSAGES: unknown[] = [
  { role: 'user', content: 'hi' },
  { role: 'system', content: 'be brief' },
  { role: 'developer', content: 'be brief', name: 'dev' },
  { role: 'assistant', content: 'hello' },
  { role: 'assistant', content: null },
  { role: 'user', content: '' },
  { role: 'user', content: [{ type: 'text', text: 'hi' }] },
  { role: 'tool', content: 'ok', tool_call_id: 'call_1' },
  { role: 'user', content: 'hi', name: 5 },
  { role: 'user', content: 'hi', extra: true },
  { role: 'robot', content: 'hi' },
  { content: 'hi' },
  'hi',
  null,
];

function generate(random: () => number): unknown {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const body: Record<string, unknown> = {};
  // Half the bodies keep to plain text messages, so plenty of them reach the field checks.
  const messages = random() < 0.5 ? MESSAGES.slice(0, 4) : MESSAGES;
  if (random() < 0.95) body.model = pick(VALUES.model!);
  if (random() < 0.95) body.messages = random() < 0.05 ? [] : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(messages));
  for (const [field, values] of Object.entries(VALUES)) {
    if (field !== 'model' && random() < 0.15) body[field] = pick(values);
  }
  return body;
}

test('every body the shortcut vouches for is accepted by the schema, unchanged', () => {
  const random = createRng(20261202).next;
  let vouched = 0;
  for (let i = 0; i < 40_000; i++) {
    const body = generate(random);
    const plain = plainChatRequest(body);
    if (plain === undefined) continue;
    vouched++;
    const parsed = ChatCompletionRequest.safeParse(body);
    assert.ok(parsed.success, `the schema refused a body the shortcut accepted: ${JSON.stringify(body)}`);
    assert.deepEqual(parsed.data, body, `the schema changed a body the shortcut accepted: ${JSON.stringify(body)}`);
    assert.equal(plain, body);
  }
  // The generator is meant to exercise the shortcut too, not only the fallback.
  assert.ok(vouched > 1000, `only ${vouched} bodies took the shortcut`);
});

test('the common requests take the shortcut; everything else goes to the schema', () => {
  const common = [
    { model: '@production', messages: [{ role: 'user', content: 'Say hello in five words.' }], max_tokens: 16 },
    { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }], stream: true, stream_options: { include_usage: true }, temperature: 0.2, user: 'u-1', metadata: { tier: 'free' } },
  ];
  for (const body of common) assert.equal(plainChatRequest(body), body);
  const others: unknown[] = [
    JSON.parse('{"model":"m","messages":[{"role":"user","content":"x"}],"__proto__":{"polluted":true}}'),
    { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [] },
    { model: 'm' },
    [],
    'body',
    null,
  ];
  for (const body of others) assert.equal(plainChatRequest(body), undefined, JSON.stringify(body));
});
