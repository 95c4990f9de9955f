// The OpenAI Chat Completions adapter, shared by `openai` and `openai-compatible` (see
// openai-dialect.ts for where they differ).
import type { ChatRequest, ChatResult, StreamPart } from '../../core/chat.ts';
import type { CallOptions, CallSignal, ProviderAdapter, ProviderTarget } from '../adapter.ts';
import { sseEvents } from '../http/sse-events.ts';
import { postUpstream, readUpstreamJson } from '../http/upstream-request.ts';
import type { UpstreamPost } from '../http/upstream-request.ts';
import { joinUrl } from '../http/join-url.ts';
import { OpenAICompletionSchema } from './openai-api-schemas.ts';
import { isPlainOpenAICompletion } from './plain-openai-shapes.ts';
import { dialectTraits } from './openai-dialect.ts';
import type { DialectTraits, OpenAIDialect } from './openai-dialect.ts';
import { fromOpenAIResponse } from './from-openai-response.ts';
import { fromOpenAIStream } from './from-openai-stream.ts';
import { mapOpenAIError } from './map-openai-error.ts';
import { toOpenAIRequest } from './to-openai-request.ts';

function upstreamPost(dialect: OpenAIDialect, traits: DialectTraits, target: ProviderTarget, request: ChatRequest, signal: CallSignal, stream: boolean): UpstreamPost {
  return {
    provider: dialect,
    apiKey: target.apiKey,
    signal,
    url: joinUrl(dialect, target.baseUrl, '/chat/completions'),
    headers: {
      ...target.headers,
      // Local servers (Ollama, vLLM without --api-key) need no key: send none rather than "Bearer ".
      ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
      ...(stream ? { accept: 'text/event-stream' } : {}),
    },
    body: toOpenAIRequest(request, traits, stream),
    mapError: mapOpenAIError,
  };
}

export function createOpenAIAdapter(dialect: OpenAIDialect): ProviderAdapter {
  const traits = dialectTraits(dialect);
  return {
    kind: dialect,
    async generate(target: ProviderTarget, request: ChatRequest, options: CallOptions): Promise<ChatResult> {
      const call = upstreamPost(dialect, traits, target, request, options.signal, false);
      const response = await postUpstream(call);
      const body = await readUpstreamJson(call, response, OpenAICompletionSchema, 'chat completion', isPlainOpenAICompletion);
      return fromOpenAIResponse(body, request.model);
    },
    async *stream(target: ProviderTarget, request: ChatRequest, options: CallOptions): AsyncGenerator<StreamPart> {
      const call = upstreamPost(dialect, traits, target, request, options.signal, true);
      const response = await postUpstream(call);
      yield* fromOpenAIStream(call, sseEvents(call, response), traits);
    },
  };
}
