// OpenAI chat.completion.chunk SSE → StreamParts. `data: [DONE]` is the terminal event; the usage
// chunk (stream_options.include_usage) arrives just before it with empty choices. Error objects
// inside the stream are mapped like HTTP errors.
import { emptyUsage } from '../../core/chat.ts';
import type { StreamPart, Usage } from '../../core/chat.ts';
import type { SseEvent } from '../http/sse-parser.ts';
import { callError, mappedError, parseUpstreamJson } from '../http/upstream-failure.ts';
import type { CallContext } from '../http/upstream-failure.ts';
import { OpenAIChunkSchema } from './openai-api-schemas.ts';
import type { OpenAIChunk } from './openai-api-schemas.ts';
import type { DialectTraits } from './openai-dialect.ts';
import { isPlainOpenAIChunk } from './plain-openai-shapes.ts';
import { mapOpenAIError } from './map-openai-error.ts';
import { mapOpenAIFinish } from './map-openai-finish.ts';
import { mapOpenAIUsage } from './map-openai-usage.ts';

interface ChoiceState {
  hadToolCalls: boolean;
  finished: boolean;
}

export async function* fromOpenAIStream(ctx: CallContext, events: AsyncIterable<SseEvent>, traits: DialectTraits): AsyncGenerator<StreamPart> {
  const choices = new Map<number, ChoiceState>();
  let usage: Usage | undefined;
  let model: string | undefined;
  let done = false;
  for await (const event of events) {
    // Keep draining after [DONE] so the socket returns to the pool instead of being destroyed.
    if (done) continue;
    if (event.data === '[DONE]') {
      done = true;
      continue;
    }
    const json = parseUpstreamJson(ctx, event.data, 'stream frame');
    if (typeof json === 'object' && json !== null && 'error' in json) {
      throw mappedError(ctx, mapOpenAIError({ headers: {}, body: json, text: event.data }));
    }
    const chunk = isPlainOpenAIChunk(json) ? json : parseChunk(ctx, json);
    model ??= chunk.model ?? undefined;
    if (chunk.usage) usage = mapOpenAIUsage(chunk.usage);
    yield* chunkParts(chunk, choices);
  }
  const allFinished = choices.size > 0 && [...choices.values()].every((c) => c.finished);
  if (!done && !(traits.lenientStreamEnd && allFinished)) throw callError(ctx, 'network', 'stream ended before data: [DONE]');
  // Compatible servers sometimes end a choice without a finish_reason: close it for the caller.
  for (const [index, state] of choices) {
    if (!state.finished) yield { type: 'finish', choice: index, reason: mapOpenAIFinish(undefined, state.hadToolCalls) };
  }
  yield { type: 'usage', usage: usage ?? emptyUsage(), ...(model ? { model } : {}) };
}

function parseChunk(ctx: CallContext, json: unknown): OpenAIChunk {
  const parsed = OpenAIChunkSchema.safeParse(json);
  if (!parsed.success) throw callError(ctx, 'network', `unexpected stream chunk shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function* chunkParts(chunk: OpenAIChunk, choices: Map<number, ChoiceState>): Generator<StreamPart> {
  for (const [position, choice] of (chunk.choices ?? []).entries()) {
    const index = choice.index ?? position;
    let state = choices.get(index);
    if (!state) {
      state = { hadToolCalls: false, finished: false };
      choices.set(index, state);
    }
    const delta = choice.delta;
    if (delta?.content) yield { type: 'text-delta', choice: index, text: delta.content };
    // Our stream parts have no refusal channel; the refusal text is the answer the client should see.
    if (delta?.refusal) yield { type: 'text-delta', choice: index, text: delta.refusal };
    for (const [i, call] of (delta?.tool_calls ?? []).entries()) {
      state.hadToolCalls = true;
      const argsDelta = call.function?.arguments ?? '';
      const name = call.function?.name ?? undefined;
      const id = call.id ?? undefined;
      if (!id && !name && argsDelta === '') continue;
      yield { type: 'tool-call-delta', choice: index, index: call.index ?? i, argsDelta, ...(id ? { id } : {}), ...(name ? { name } : {}) };
    }
    if (choice.finish_reason) {
      state.finished = true;
      yield { type: 'finish', choice: index, reason: mapOpenAIFinish(choice.finish_reason, state.hadToolCalls) };
    }
  }
}
