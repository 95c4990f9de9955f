// The body of a streaming reply as SSE events: bytes → UTF-8 text (multi-byte characters may
// straddle chunks) → SseParser. Transport failures and an abort surface as ProviderCallErrors;
// the socket is released as soon as the consumer stops iterating.
//
// A hand-written iterator fed by the body's chunks rather than an async generator over
// `for await (chunk of body)`: an async generator's `yield*` over a stream iterator cost ~12–19 µs
// between the upstream's first bytes and the client's first byte at c=1. Here a chunk's events are
// queued and handed out one `next()` each; the body is paused while events wait, so at most one
// chunk's worth is buffered (the client's pace still reaches the upstream).
import { SseParser } from './sse-parser.ts';
import type { SseEvent } from './sse-parser.ts';
import { transportError } from './upstream-failure.ts';
import type { CallContext } from './upstream-failure.ts';
import type { UpstreamBody, UpstreamExchange } from './upstream-exchange.ts';

export function sseEvents(call: CallContext, response: UpstreamExchange): AsyncIterableIterator<SseEvent> {
  return new SseEventReader(call, response.body);
}

class SseEventReader implements AsyncIterableIterator<SseEvent> {
  readonly #call: CallContext;
  readonly #body: UpstreamBody;
  readonly #decoder = new TextDecoder('utf-8');
  readonly #parser = new SseParser();
  #events: SseEvent[] = [];
  #next = 0;
  /** The body ended and its last events are queued. */
  #ended = false;
  /** Set once: delivered after the events queued before it. */
  #failure: unknown;
  #waiter: { resolve: (result: IteratorResult<SseEvent>) => void; reject: (error: unknown) => void } | undefined;
  #closed = false;

  constructor(call: CallContext, body: UpstreamBody) {
    this.#call = call;
    this.#body = body;
    body.pipeTo({ data: this.#onData, end: this.#onEnd, error: this.#onError });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<SseEvent> {
    return this;
  }

  next(): Promise<IteratorResult<SseEvent>> {
    if (this.#next < this.#events.length) return Promise.resolve(this.#take());
    if (this.#failure !== undefined) return Promise.reject(this.#fail());
    if (this.#ended || this.#closed) return Promise.resolve(this.#done());
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
      if (this.#body.paused) this.#body.resume();
    });
  }

  /** The consumer stopped early (a `break`, a failure downstream): release the socket. */
  return(): Promise<IteratorResult<SseEvent>> {
    this.#close();
    return Promise.resolve(this.#done());
  }

  #take(): IteratorResult<SseEvent> {
    const value = this.#events[this.#next++]!;
    if (this.#next === this.#events.length) {
      this.#events = [];
      this.#next = 0;
    }
    return { value, done: false };
  }

  #done(): IteratorResult<SseEvent> {
    this.#close();
    return { value: undefined, done: true };
  }

  #fail(): unknown {
    const failure = this.#failure;
    this.#close();
    return failure;
  }

  #onData = (chunk: Buffer): void => {
    try {
      this.#queue(this.#parser.push(this.#decoder.decode(chunk, { stream: true })));
    } catch (error) {
      this.#onError(error);
      return;
    }
    this.#wake();
    // Events still wait for the consumer: stop reading until it has taken them.
    if (this.#next < this.#events.length) this.#body.pause();
  };

  #onEnd = (): void => {
    try {
      this.#queue(this.#parser.push(this.#decoder.decode()));
      this.#queue(this.#parser.finish());
    } catch (error) {
      this.#onError(error);
      return;
    }
    this.#ended = true;
    this.#wake();
  };

  #onError = (error: unknown): void => {
    if (this.#failure !== undefined || this.#ended) return;
    this.#failure = transportError(this.#call, error);
    this.#wake();
  };

  #queue(events: SseEvent[]): void {
    if (events.length === 0) return;
    if (this.#next === this.#events.length) {
      this.#events = events;
      this.#next = 0;
    } else {
      for (const event of events) this.#events.push(event);
    }
  }

  /** Hands the waiting consumer, if any, its next result, if there is one yet. */
  #wake(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    if (this.#next < this.#events.length) waiter.resolve(this.#take());
    else if (this.#failure !== undefined) waiter.reject(this.#fail());
    else if (this.#ended) waiter.resolve(this.#done());
    else return;
    this.#waiter = undefined;
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // Releases the socket if the body is still running; nothing is delivered after this.
    this.#body.destroy();
  }
}
