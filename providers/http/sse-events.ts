// The body of a streaming reply as SSE events: bytes → UTF-8 text (multi-byte characters may
// straddle chunks) → SseParser. Transport failures and an abort surface as ProviderCallErrors;
// the socket is released as soon as the consumer stops iterating.
//
// A hand-written iterator over the body's 'data' events rather than an async generator over
// `for await (chunk of body)`: Node's stream iterator (its own async generator, a 'readable'
// listener, `finished()` bookkeeping) and the generator's `yield*` cost ~30 µs between the
// upstream's first bytes and the first event at c=1, all of it on the way to the client's first
// byte. Here a chunk's events are queued and handed out one `next()` each; the body is paused
// while events wait, so at most one chunk's worth is buffered (the client's pace still reaches
// the upstream).
import { SseParser } from './sse-parser.ts';
import type { SseEvent } from './sse-parser.ts';
import { transportError } from './upstream-failure.ts';
import type { CallContext } from './upstream-failure.ts';
import type { UpstreamResponse } from './upstream-request.ts';

export function sseEvents(call: CallContext, response: UpstreamResponse): AsyncIterableIterator<SseEvent> {
  return new SseEventReader(call, response.body);
}

type Body = UpstreamResponse['body'];

class SseEventReader implements AsyncIterableIterator<SseEvent> {
  readonly #call: CallContext;
  readonly #body: Body;
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

  constructor(call: CallContext, body: Body) {
    this.#call = call;
    this.#body = body;
    body.on('data', this.#onData);
    body.on('end', this.#onEnd);
    body.on('error', this.#onError);
    body.on('close', this.#onClose);
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
      if (this.#body.isPaused()) this.#body.resume();
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

  /** Destroyed before its end without an error (an abort does raise one; this is the rest). */
  #onClose = (): void => {
    if (this.#ended || this.#failure !== undefined || this.#closed) return;
    this.#onError(new Error('the response body was closed before it ended'));
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
    const body = this.#body;
    body.off('data', this.#onData);
    body.off('end', this.#onEnd);
    body.off('close', this.#onClose);
    // Keep an error listener: a late error on a destroyed body must not become an uncaught one.
    body.off('error', this.#onError);
    body.on('error', ignore);
    if (!body.destroyed) body.destroy();
  }
}

function ignore(): void {}
