// Anthropic's named SSE events → StreamParts. message_start carries the input usage,
// content_block_start/delta the text and tool calls (tool input as partial JSON), message_delta
// the stop reason and the cumulative output usage, message_stop ends the stream. An `error`
// event is mapped like an HTTP error; a stream without message_stop is a broken upstream.
import type { StreamPart, Usage } from '../../core/chat.ts';
import type { SseEvent } from '../http/sse-parser.ts';
import { callError, mappedError, parseUpstreamJson } from '../http/upstream-failure.ts';
import type { CallContext } from '../http/upstream-failure.ts';
import { AnthropicStreamEventSchema } from './anthropic-api-schemas.ts';
import type { AnthropicUsage } from './anthropic-api-schemas.ts';
import { JSON_TOOL_NAME } from './anthropic-json-mode.ts';
import { mapAnthropicError } from './map-anthropic-error.ts';
import { mapAnthropicFinish } from './map-anthropic-finish.ts';
import { mapAnthropicUsage } from './map-anthropic-usage.ts';

type BlockState = { kind: 'text' } | { kind: 'json-answer'; sentAny: boolean } | { kind: 'tool'; toolIndex: number; sentArgs: boolean } | { kind: 'other' };

export async function* fromAnthropicStream(ctx: CallContext, events: AsyncIterable<SseEvent>, jsonTool: boolean): AsyncGenerator<StreamPart> {
  const blocks = new Map<number, BlockState>();
  let toolCount = 0;
  let usage: AnthropicUsage = {};
  let model: string | undefined;
  let stopReason: string | null | undefined;
  let stopped = false;
  for await (const event of events) {
    // After message_stop, drain quietly so the socket goes back to the pool.
    if (stopped) continue;
    const json = parseUpstreamJson(ctx, event.data, `${event.event ?? 'stream'} event`);
    const parsed = AnthropicStreamEventSchema.safeParse(json);
    if (!parsed.success) throw callError(ctx, 'network', `unexpected stream event shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const e = parsed.data;
    const index = e.index ?? 0;
    switch (e.type) {
      case 'error':
        throw mappedError(ctx, mapAnthropicError({ headers: {}, body: json, text: event.data }));
      case 'message_start':
        model = e.message?.model ?? undefined;
        usage = mergeUsage(usage, e.message?.usage);
        break;
      case 'content_block_start': {
        const block = e.content_block;
        if (block?.type === 'tool_use' && jsonTool && block.name === JSON_TOOL_NAME) {
          blocks.set(index, { kind: 'json-answer', sentAny: false });
        } else if (block?.type === 'tool_use') {
          const toolIndex = toolCount++;
          blocks.set(index, { kind: 'tool', toolIndex, sentArgs: false });
          yield { type: 'tool-call-delta', choice: 0, index: toolIndex, id: block.id ?? `toolu_${toolIndex}`, name: block.name ?? '', argsDelta: '' };
        } else if (block?.type === 'text') {
          blocks.set(index, { kind: 'text' });
          if (block.text) yield { type: 'text-delta', choice: 0, text: block.text };
        } else {
          // thinking, redacted_thinking, server tool blocks: not part of our stream parts.
          blocks.set(index, { kind: 'other' });
        }
        break;
      }
      case 'content_block_delta': {
        const state = blocks.get(index);
        const delta = e.delta;
        if (state?.kind === 'text' && delta?.type === 'text_delta' && delta.text) yield { type: 'text-delta', choice: 0, text: delta.text };
        if (state?.kind === 'tool' && delta?.type === 'input_json_delta' && delta.partial_json) {
          state.sentArgs = true;
          yield { type: 'tool-call-delta', choice: 0, index: state.toolIndex, argsDelta: delta.partial_json };
        }
        if (state?.kind === 'json-answer' && delta?.type === 'input_json_delta' && delta.partial_json) {
          state.sentAny = true;
          yield { type: 'text-delta', choice: 0, text: delta.partial_json };
        }
        break;
      }
      case 'content_block_stop': {
        // A tool called without arguments streams no input_json_delta at all: its input is {}.
        const state = blocks.get(index);
        if (state?.kind === 'tool' && !state.sentArgs) yield { type: 'tool-call-delta', choice: 0, index: state.toolIndex, argsDelta: '{}' };
        if (state?.kind === 'json-answer' && !state.sentAny) yield { type: 'text-delta', choice: 0, text: '{}' };
        break;
      }
      case 'message_delta':
        stopReason = e.delta?.stop_reason ?? stopReason;
        usage = mergeUsage(usage, e.usage);
        break;
      case 'message_stop':
        stopped = true;
        break;
      default:
        // ping and future event types.
        break;
    }
  }
  if (!stopped) throw callError(ctx, 'network', 'stream ended before message_stop');
  yield { type: 'finish', choice: 0, reason: mapAnthropicFinish(stopReason, jsonTool) };
  const final: Usage = mapAnthropicUsage(usage);
  yield { type: 'usage', usage: final, ...(model ? { model } : {}) };
}

/** message_delta usage is cumulative and may restate input counts; later non-null values win. */
function mergeUsage(current: AnthropicUsage, next: AnthropicUsage | null | undefined): AnthropicUsage {
  if (!next) return current;
  const merged: AnthropicUsage = { ...current };
  for (const key of ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const) {
    const value = next[key];
    if (typeof value === 'number') merged[key] = value;
  }
  return merged;
}
