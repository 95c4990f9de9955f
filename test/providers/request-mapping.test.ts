// Request translation details that the simulator does not check strictly: message hoisting and
// merging, images, tool results mapped back by name, and dialect differences.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../core/chat.ts';
import { toAnthropicRequest } from '../../providers/anthropic/to-anthropic-request.ts';
import { toGeminiRequest } from '../../providers/gemini/to-gemini-request.ts';
import { dialectTraits } from '../../providers/openai/openai-dialect.ts';
import { toOpenAIRequest } from '../../providers/openai/to-openai-request.ts';

const conversation: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: [{ type: 'text', text: 'Weather here and there?' }, { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' }, { type: 'image', url: 'https://example.com/sky.jpg' }] },
  { role: 'developer', content: 'Use metric units.' },
  { role: 'assistant', content: null, toolCalls: [{ id: 'gemini_call_0_0_get_weather', name: 'get_weather', arguments: '{"city":"Paris"}' }, { id: 'call_b', name: 'get_time', arguments: '{}' }] },
  { role: 'tool', toolCallId: 'gemini_call_0_0_get_weather', content: '{"celsius":21}' },
  { role: 'tool', toolCallId: 'call_b', content: '12:00' },
  { role: 'user', content: 'Thanks!' },
];

describe('to Anthropic', () => {
  const { body } = toAnthropicRequest({ model: 'claude-haiku-4-5', messages: conversation, stop: ['END'] }, false);

  it('hoists system and developer messages and defaults max_tokens', () => {
    assert.equal(body.system, 'Be brief.\n\nUse metric units.');
    assert.equal(body.max_tokens, 4096);
    assert.deepEqual(body.stop_sequences, ['END']);
  });

  it('maps images, tool_use, and merges tool results with the next user message into one turn', () => {
    const turns = body.messages as Array<{ role: string; content: Array<Record<string, unknown>> }>;
    assert.deepEqual(turns.map((t) => t.role), ['user', 'assistant', 'user']);
    assert.deepEqual(turns[0]!.content[1], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } });
    assert.deepEqual(turns[0]!.content[2], { type: 'image', source: { type: 'url', url: 'https://example.com/sky.jpg' } });
    assert.deepEqual(turns[1]!.content[0], { type: 'tool_use', id: 'gemini_call_0_0_get_weather', name: 'get_weather', input: { city: 'Paris' } });
    assert.deepEqual(turns[2]!.content.map((b) => b.type), ['tool_result', 'tool_result', 'text']);
  });

  it('forces a JSON tool for json_object when no tools are offered, and instructs otherwise', () => {
    const json = toAnthropicRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], responseFormat: { type: 'json_object' } }, false);
    assert.equal(json.jsonMode.type, 'tool');
    assert.deepEqual(json.body.tool_choice, { type: 'tool', name: 'json_response' });
    const withTools = toAnthropicRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], responseFormat: { type: 'json_object' }, tools: [{ name: 't' }] }, false);
    assert.equal(withTools.jsonMode.type, 'instruction');
    assert.match(String(withTools.body.system), /JSON object/);
  });
});

describe('to Gemini', () => {
  const body = toGeminiRequest({ model: 'gemini-2.5-flash', messages: conversation, maxTokens: 50, n: 2, responseFormat: { type: 'json_schema', name: 'x', schema: { type: 'object' } } });

  it('maps roles, images and tool results (by function name)', () => {
    const contents = body.contents as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    assert.deepEqual(contents.map((c) => c.role), ['user', 'model', 'user']);
    assert.deepEqual(contents[0]!.parts[1], { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } });
    assert.deepEqual(contents[0]!.parts[2], { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/sky.jpg' } });
    assert.deepEqual(contents[2]!.parts[0], { functionResponse: { name: 'get_weather', response: { celsius: 21 } } });
    assert.deepEqual(contents[2]!.parts[1], { functionResponse: { name: 'get_time', response: { content: '12:00' } } });
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Be brief.\n\nUse metric units.' }] });
  });

  it('maps generation options', () => {
    assert.deepEqual(body.generationConfig, { maxOutputTokens: 50, candidateCount: 2, responseMimeType: 'application/json', responseJsonSchema: { type: 'object' } });
  });
});

describe('to OpenAI', () => {
  const request = { model: 'gpt-4o', messages: conversation, maxTokens: 10 };

  it('uses max_completion_tokens and the developer role for OpenAI, max_tokens and system for compatible servers', () => {
    const openai = toOpenAIRequest(request, dialectTraits('openai'), true);
    assert.equal(openai.max_completion_tokens, 10);
    assert.equal((openai.messages as Array<{ role: string }>)[2]!.role, 'developer');
    assert.deepEqual(openai.stream_options, { include_usage: true });
    const compatible = toOpenAIRequest(request, dialectTraits('openai-compatible'), false);
    assert.equal(compatible.max_tokens, 10);
    assert.equal(compatible.max_completion_tokens, undefined);
    assert.equal((compatible.messages as Array<{ role: string }>)[2]!.role, 'system');
  });
});
