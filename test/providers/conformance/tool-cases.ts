// Conformance cases: tool calls (ids, names, JSON arguments) and the follow-up turn with results.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ChatMessage, ToolCall } from '../../../core/chat.ts';
import type { Harness } from './adapter-cases.ts';
import { collect, finalUsage, finishReasons, signal, streamedText, streamedToolCalls, WEATHER_TOOL } from './adapter-cases.ts';

const QUESTION: ChatMessage = { role: 'user', content: 'What is the weather in Paris?' };

function assertToolCall(call: ToolCall | undefined): asserts call is ToolCall {
  assert.ok(call, 'a tool call');
  assert.ok(call.id.length > 0, 'the call has an id');
  assert.equal(call.name, 'get_weather');
  const args = JSON.parse(call.arguments) as { city?: unknown };
  assert.equal(typeof args.city, 'string');
}

function followUp(call: ToolCall): ChatMessage[] {
  return [QUESTION, { role: 'assistant', content: null, toolCalls: [call] }, { role: 'tool', toolCallId: call.id, content: JSON.stringify({ temperature: 21, unit: 'c' }) }];
}

export function toolCases(h: Harness): void {
  const withTools = (messages: ChatMessage[] = [QUESTION]) => h.request({ messages, tools: [WEATHER_TOOL] });

  it('calls a tool, then answers in text from the tool result (generate)', async () => {
    const first = await h.adapter.generate(h.target(), withTools(), signal());
    const choice = first.choices[0]!;
    assert.equal(choice.finishReason, 'tool_calls');
    assert.equal(choice.toolCalls.length, 1);
    assertToolCall(choice.toolCalls[0]);
    const second = await h.adapter.generate(h.target(), withTools(followUp(choice.toolCalls[0])), signal());
    assert.equal(second.choices[0]!.finishReason, 'stop');
    assert.deepEqual(second.choices[0]!.toolCalls, []);
    assert.ok((second.choices[0]!.content ?? '').length > 0);
  });

  it('streams a tool call, then streams the answer to its result', async () => {
    const parts = await collect(h.adapter.stream(h.target(), withTools(), signal()));
    const calls = streamedToolCalls(parts);
    assert.equal(calls.length, 1);
    assertToolCall(calls[0]);
    assert.deepEqual(finishReasons(parts), ['0:tool_calls']);
    assert.ok(finalUsage(parts).outputTokens > 0);
    const answer = await collect(h.adapter.stream(h.target(), withTools(followUp(calls[0])), signal()));
    assert.ok(streamedText(answer).length > 0);
    assert.deepEqual(finishReasons(answer), ['0:stop']);
  });

  it('streams the same tool call as generate', async () => {
    const generated = await h.adapter.generate(h.target(), withTools(), signal());
    const streamed = streamedToolCalls(await collect(h.adapter.stream(h.target(), withTools(), signal())));
    const [g, s] = [generated.choices[0]!.toolCalls[0]!, streamed[0]!];
    assert.equal(s.name, g.name);
    assert.deepEqual(JSON.parse(s.arguments), JSON.parse(g.arguments));
  });

  it('honours a forced tool choice and toolChoice none', async () => {
    const lookup = { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } };
    const forced = await h.adapter.generate(h.target(), h.request({ messages: [QUESTION], tools: [WEATHER_TOOL, lookup], toolChoice: { name: 'lookup' } }), signal());
    assert.equal(forced.choices[0]!.toolCalls[0]?.name, 'lookup');
    const none = await h.adapter.generate(h.target(), h.request({ messages: [QUESTION], tools: [WEATHER_TOOL], toolChoice: 'none' }), signal());
    assert.deepEqual(none.choices[0]!.toolCalls, []);
    assert.equal(none.choices[0]!.finishReason, 'stop');
  });
}
