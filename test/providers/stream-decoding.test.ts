// Stream decoders fed recorded-style events the simulator does not produce: in-stream error
// events, clean ends without the terminal event, compatible servers that omit fields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamPart } from '../../core/chat.ts';
import { ProviderCallError } from '../../core/provider-error.ts';
import { fromAnthropicStream } from '../../providers/anthropic/from-anthropic-stream.ts';
import { fromGeminiStream } from '../../providers/gemini/from-gemini-stream.ts';
import type { SseEvent } from '../../providers/http/sse-parser.ts';
import { fromOpenAIStream } from '../../providers/openai/from-openai-stream.ts';
import { dialectTraits } from '../../providers/openai/openai-dialect.ts';

const ctx = { provider: 'test', apiKey: 'sk-test-key-123456', signal: new AbortController().signal };

/** Raw SSE events ({ data }) pass through; any other object is sent as one JSON event named after its `type`. */
async function* events(list: Array<Record<string, unknown>>): AsyncGenerator<SseEvent> {
  for (const e of list) {
    if (typeof e.data === 'string') yield { data: e.data };
    else yield { data: JSON.stringify(e), ...(typeof e.type === 'string' ? { event: e.type } : {}) };
  }
}

async function run(stream: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error?: ProviderCallError }> {
  const parts: StreamPart[] = [];
  try {
    for await (const p of stream) parts.push(p);
    return { parts };
  } catch (error) {
    assert.ok(error instanceof ProviderCallError);
    return { parts, error };
  }
}

describe('OpenAI stream decoding', () => {
  it('fails a stream that ends without [DONE] (openai), tolerates it when finished (compatible)', async () => {
    const list = [{ choices: [{ index: 0, delta: { content: 'Hi' } }] }, { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }];
    const strict = await run(fromOpenAIStream(ctx, events(list), dialectTraits('openai')));
    assert.equal(strict.error?.info.kind, 'network');
    const lenient = await run(fromOpenAIStream(ctx, events(list), dialectTraits('openai-compatible')));
    assert.equal(lenient.error, undefined);
    assert.deepEqual(lenient.parts.at(-1), { type: 'usage', usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 } });
  });

  it('closes choices without finish_reason and infers tool_calls (compatible servers)', async () => {
    const list = [{ choices: [{ delta: { tool_calls: [{ id: 'c1', function: { name: 'f', arguments: '{}' } }] } }] }, { data: '[DONE]' }];
    const { parts } = await run(fromOpenAIStream(ctx, events(list), dialectTraits('openai-compatible')));
    assert.deepEqual(parts[0], { type: 'tool-call-delta', choice: 0, index: 0, id: 'c1', name: 'f', argsDelta: '{}' });
    assert.deepEqual(parts[1], { type: 'finish', choice: 0, reason: 'tool_calls' });
  });

  it('maps an error object inside the stream', async () => {
    const { error } = await run(fromOpenAIStream(ctx, events([{ error: { message: 'boom', type: 'server_error' } }]), dialectTraits('openai')));
    assert.equal(error?.info.kind, 'server');
  });
});

describe('Anthropic stream decoding', () => {
  it('maps an error event (e.g. overloaded mid-stream) after the text already yielded', async () => {
    const list = [
      { type: 'message_start', message: { model: 'claude', usage: { input_tokens: 5 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ];
    const { parts, error } = await run(fromAnthropicStream(ctx, events(list), false));
    assert.deepEqual(parts, [{ type: 'text-delta', choice: 0, text: 'Hel' }]);
    assert.equal(error?.info.kind, 'overloaded');
  });

  it('gives a tool without argument deltas the input {}, skips thinking, and needs message_stop', async () => {
    const list = [
      { type: 'message_start', message: { usage: { input_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 7 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'now', input: {} } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
    ];
    const cut = await run(fromAnthropicStream(ctx, events(list), false));
    assert.equal(cut.error?.info.kind, 'network');
    const { parts } = await run(fromAnthropicStream(ctx, events([...list, { type: 'message_stop' }]), false));
    assert.deepEqual(parts, [
      { type: 'tool-call-delta', choice: 0, index: 0, id: 'toolu_1', name: 'now', argsDelta: '' },
      { type: 'tool-call-delta', choice: 0, index: 0, argsDelta: '{}' },
      { type: 'finish', choice: 0, reason: 'tool_calls' },
      { type: 'usage', usage: { inputTokens: 112, outputTokens: 9, cachedInputTokens: 100, reasoningTokens: 0 } },
    ]);
  });
});

describe('Gemini stream decoding', () => {
  it('fails a stream that ends cleanly before a finishReason', async () => {
    const { parts, error } = await run(fromGeminiStream(ctx, events([{ candidates: [{ content: { parts: [{ text: 'Hi' }] } }] }])));
    assert.equal(parts.length, 1);
    assert.equal(error?.info.kind, 'network');
  });

  it('reports a blocked prompt as content_filter and SAFETY as a content_filter finish', async () => {
    const blocked = await run(fromGeminiStream(ctx, events([{ promptFeedback: { blockReason: 'SAFETY' } }])));
    assert.equal(blocked.error?.info.kind, 'content_filter');
    const { parts } = await run(fromGeminiStream(ctx, events([{ candidates: [{ content: { parts: [{ text: 'x', thought: true }] }, finishReason: 'SAFETY' }] }])));
    assert.deepEqual(parts[0], { type: 'finish', choice: 0, reason: 'content_filter' });
  });
});
