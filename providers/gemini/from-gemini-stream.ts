// Gemini's `streamGenerateContent?alt=sse`: each `data:` frame is a partial
// GenerateContentResponse. Text parts are deltas; function calls arrive whole (one
// tool-call-delta with the complete arguments); the last chunk of a candidate has its
// finishReason, and usageMetadata is cumulative (the last one wins). Gemini has no terminal event,
// so a stream that ends before every candidate has finished is treated as cut off.
import type { StreamPart } from '../../core/chat.ts';
import type { SseEvent } from '../http/sse-parser.ts';
import { callError, mappedError, parseUpstreamJson } from '../http/upstream-failure.ts';
import type { CallContext } from '../http/upstream-failure.ts';
import { GeminiResponseSchema } from './gemini-api-schemas.ts';
import type { GeminiUsage } from './gemini-api-schemas.ts';
import { candidateParts, throwIfPromptBlocked } from './from-gemini-response.ts';
import { mapGeminiError } from './map-gemini-error.ts';
import { mapGeminiFinish } from './map-gemini-finish.ts';
import { mapGeminiUsage } from './map-gemini-usage.ts';

interface CandidateState {
  toolCalls: number;
  finished: boolean;
}

export async function* fromGeminiStream(ctx: CallContext, events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  const candidates = new Map<number, CandidateState>();
  let usage: GeminiUsage | undefined;
  let model: string | undefined;
  for await (const event of events) {
    const json = parseUpstreamJson(ctx, event.data, 'stream chunk');
    if (typeof json === 'object' && json !== null && 'error' in json) {
      throw mappedError(ctx, mapGeminiError({ headers: {}, body: json, text: event.data }));
    }
    const parsed = GeminiResponseSchema.safeParse(json);
    if (!parsed.success) throw callError(ctx, 'network', `unexpected stream chunk shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const chunk = parsed.data;
    throwIfPromptBlocked(ctx, chunk);
    model ??= chunk.modelVersion ?? undefined;
    if (chunk.usageMetadata) usage = chunk.usageMetadata;
    for (const [position, candidate] of (chunk.candidates ?? []).entries()) {
      const index = candidate.index ?? position;
      let state = candidates.get(index);
      if (!state) {
        state = { toolCalls: 0, finished: false };
        candidates.set(index, state);
      }
      const { text, toolCalls } = candidateParts(candidate, index, state.toolCalls);
      if (text) yield { type: 'text-delta', choice: index, text };
      for (const call of toolCalls) {
        yield { type: 'tool-call-delta', choice: index, index: state.toolCalls++, id: call.id, name: call.name, argsDelta: call.arguments };
      }
      if (candidate.finishReason && !state.finished) {
        state.finished = true;
        yield { type: 'finish', choice: index, reason: mapGeminiFinish(candidate.finishReason, state.toolCalls > 0) };
      }
    }
  }
  const unfinished = candidates.size === 0 || [...candidates.values()].some((c) => !c.finished);
  if (unfinished) throw callError(ctx, 'network', 'stream ended before every candidate reported a finishReason');
  yield { type: 'usage', usage: mapGeminiUsage(usage), ...(model ? { model } : {}) };
}
