// Anthropic streaming: named events message_start → content_block_start → ping →
// content_block_delta (text_delta | input_json_delta)… → content_block_stop → message_delta
// (stop_reason + cumulative usage) → message_stop.
import type { SseFrame } from '../dialect.ts';
import type { SimChoice, SimResult } from '../sim-request.ts';
import { splitTokens } from '../tokens.ts';
import { anthropicStopReason, anthropicUsage, renderAnthropicJson } from './anthropic-response.ts';

function event(type: string, payload: Record<string, unknown>, tokens = 0): SseFrame {
  return { event: type, data: JSON.stringify({ type, ...payload }), tokens };
}

export function renderAnthropicFrames(result: SimResult): SseFrame[] {
  const choice = result.choices[0] as SimChoice;
  const message = renderAnthropicJson(result);
  const frames: SseFrame[] = [
    event('message_start', {
      message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: anthropicUsage(result, 1) },
    }),
  ];
  if (choice.toolCalls.length > 0) {
    choice.toolCalls.forEach((call, index) => {
      frames.push(event('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }));
      if (index === 0) frames.push(event('ping', {}));
      frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } }));
      for (const piece of splitTokens(call.argumentsJson)) frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }, 1));
      frames.push(event('content_block_stop', { index }));
    });
  } else {
    frames.push(event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
    frames.push(event('ping', {}));
    for (const piece of splitTokens(choice.text)) frames.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } }, 1));
    frames.push(event('content_block_stop', { index: 0 }));
  }
  const { service_tier: _tier, cache_creation: _creation, ...finalUsage } = message.usage;
  frames.push(event('message_delta', { delta: { stop_reason: anthropicStopReason(choice.finish), stop_sequence: choice.stopSequence ?? null }, usage: finalUsage }));
  frames.push(event('message_stop', {}));
  return frames;
}
