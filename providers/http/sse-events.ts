// The body of a streaming reply as SSE events: bytes → UTF-8 text (multi-byte characters may
// straddle chunks) → SseParser. Transport failures and an abort surface as ProviderCallErrors;
// the socket is released as soon as the consumer stops iterating.
import { SseParser } from './sse-parser.ts';
import type { SseEvent } from './sse-parser.ts';
import { transportError } from './upstream-failure.ts';
import type { CallContext } from './upstream-failure.ts';
import type { UpstreamResponse } from './upstream-request.ts';

export async function* sseEvents(call: CallContext, response: UpstreamResponse): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser();
  try {
    for await (const chunk of response.body) {
      let events: SseEvent[];
      try {
        events = parser.push(decoder.decode(chunk as Buffer, { stream: true }));
      } catch (error) {
        throw transportError(call, error);
      }
      yield* events;
    }
    yield* parser.push(decoder.decode());
    yield* parser.finish();
  } catch (error) {
    throw transportError(call, error);
  } finally {
    if (!response.body.destroyed) response.body.destroy();
  }
}
