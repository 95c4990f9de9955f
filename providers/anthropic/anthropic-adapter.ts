// The Anthropic Messages adapter: POST {baseUrl}/v1/messages with x-api-key and anthropic-version.
import type { ChatRequest, ChatResult, StreamPart } from '../../core/chat.ts';
import type { CallOptions, CallSignal, ProviderAdapter, ProviderTarget } from '../adapter.ts';
import { joinUrl } from '../http/join-url.ts';
import { sseEvents } from '../http/sse-events.ts';
import { postUpstream, readUpstreamJson } from '../http/upstream-request.ts';
import type { UpstreamPost } from '../http/upstream-request.ts';
import { AnthropicMessageSchema } from './anthropic-api-schemas.ts';
import { fromAnthropicResponse } from './from-anthropic-response.ts';
import { fromAnthropicStream } from './from-anthropic-stream.ts';
import { mapAnthropicError } from './map-anthropic-error.ts';
import { toAnthropicRequest } from './to-anthropic-request.ts';

export const ANTHROPIC_VERSION = '2023-06-01';

function upstreamPost(target: ProviderTarget, body: Record<string, unknown>, signal: CallSignal, stream: boolean): UpstreamPost {
  return {
    provider: 'anthropic',
    apiKey: target.apiKey,
    signal,
    url: joinUrl('anthropic', target.baseUrl, '/v1/messages'),
    headers: {
      'anthropic-version': ANTHROPIC_VERSION,
      ...target.headers,
      ...(target.apiKey ? { 'x-api-key': target.apiKey } : {}),
      ...(stream ? { accept: 'text/event-stream' } : {}),
    },
    body,
    mapError: mapAnthropicError,
  };
}

export const anthropicAdapter: ProviderAdapter = {
  kind: 'anthropic',
  async generate(target: ProviderTarget, request: ChatRequest, options: CallOptions): Promise<ChatResult> {
    const { body, jsonMode } = toAnthropicRequest(request, false);
    const call = upstreamPost(target, body, options.signal, false);
    const response = await postUpstream(call);
    const message = await readUpstreamJson(call, response, AnthropicMessageSchema, 'message');
    return fromAnthropicResponse(message, request.model, jsonMode.type === 'tool');
  },
  async *stream(target: ProviderTarget, request: ChatRequest, options: CallOptions): AsyncGenerator<StreamPart> {
    const { body, jsonMode } = toAnthropicRequest(request, true);
    const call = upstreamPost(target, body, options.signal, true);
    const response = await postUpstream(call);
    yield* fromAnthropicStream(call, sseEvents(call, response), jsonMode.type === 'tool');
  },
};
