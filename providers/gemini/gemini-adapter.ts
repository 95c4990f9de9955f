// The Gemini adapter: POST {baseUrl}/v1beta/models/{model}:generateContent (JSON) or
// :streamGenerateContent?alt=sse, authenticated with x-goog-api-key (never ?key=, which would
// put the secret in URLs and logs).
import type { ChatRequest, ChatResult, StreamPart } from '../../core/chat.ts';
import type { CallOptions, CallSignal, ProviderAdapter, ProviderTarget } from '../adapter.ts';
import { joinUrl } from '../http/join-url.ts';
import { sseEvents } from '../http/sse-events.ts';
import { postUpstream, readUpstreamJson } from '../http/upstream-request.ts';
import type { UpstreamPost } from '../http/upstream-request.ts';
import { GeminiResponseSchema } from './gemini-api-schemas.ts';
import { fromGeminiResponse } from './from-gemini-response.ts';
import { fromGeminiStream } from './from-gemini-stream.ts';
import { mapGeminiError } from './map-gemini-error.ts';
import { toGeminiRequest } from './to-gemini-request.ts';

function upstreamPost(target: ProviderTarget, request: ChatRequest, signal: CallSignal, stream: boolean): UpstreamPost {
  // Accept both "gemini-2.5-flash" and the API's resource name "models/gemini-2.5-flash".
  const model = encodeURIComponent(request.model.replace(/^models\//, ''));
  const method = stream ? 'streamGenerateContent' : 'generateContent';
  return {
    provider: 'gemini',
    apiKey: target.apiKey,
    signal,
    url: joinUrl('gemini', target.baseUrl, `/v1beta/models/${model}:${method}`, stream ? { alt: 'sse' } : undefined),
    headers: {
      ...target.headers,
      ...(target.apiKey ? { 'x-goog-api-key': target.apiKey } : {}),
      ...(stream ? { accept: 'text/event-stream' } : {}),
    },
    body: toGeminiRequest(request),
    mapError: mapGeminiError,
  };
}

export const geminiAdapter: ProviderAdapter = {
  kind: 'gemini',
  async generate(target: ProviderTarget, request: ChatRequest, options: CallOptions): Promise<ChatResult> {
    const call = upstreamPost(target, request, options.signal, false);
    const response = await postUpstream(call);
    const body = await readUpstreamJson(call, response, GeminiResponseSchema, 'generateContent response');
    return fromGeminiResponse(call, body, request.model);
  },
  async *stream(target: ProviderTarget, request: ChatRequest, options: CallOptions): AsyncGenerator<StreamPart> {
    const call = upstreamPost(target, request, options.signal, true);
    const response = await postUpstream(call);
    yield* fromGeminiStream(call, sseEvents(call, response));
  },
};
