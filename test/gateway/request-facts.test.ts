// What routing learns of a request: the shape (needs, max_tokens) without the tokenizer, and the
// full facts with the o200k count on top — the same shape either way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatRequest } from '../../core/chat.ts';
import { requestFacts, requestShape } from '../../gateway/routing/request-facts.ts';

const plain: Omit<ChatRequest, 'model'> = { messages: [{ role: 'user', content: 'Say hello in five words.' }] };
const rich: Omit<ChatRequest, 'model'> = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image', url: 'https://example.invalid/cat.png', detail: 'low' }] },
  ],
  tools: [{ name: 'lookup', description: 'Looks a word up', parameters: { type: 'object', properties: { word: { type: 'string' } } } }],
  responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' } },
  maxTokens: 64,
};

test('the shape names what a request needs without counting its prompt', () => {
  assert.deepEqual(requestShape(plain, false), { stream: false, needs: { tools: false, vision: false, jsonSchema: false } });
  assert.deepEqual(requestShape(rich, true), { stream: true, needs: { tools: true, vision: true, jsonSchema: true }, maxTokens: 64 });
});

test('the facts are the shape plus the o200k prompt count (a low-detail image counts 85 tokens)', async () => {
  for (const [request, stream] of [[plain, false], [rich, true]] as const) {
    const { promptTokens, ...shape } = await requestFacts(request, stream);
    assert.deepEqual(shape, requestShape(request, stream));
    assert.ok(promptTokens > 3);
  }
  const withImage = await requestFacts(rich, true);
  const withoutImage = await requestFacts({ ...rich, messages: [rich.messages[0]!, { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }] }] }, true);
  assert.equal(withImage.promptTokens - withoutImage.promptTokens, 85);
  assert.equal(withoutImage.needs.vision, false);
});
