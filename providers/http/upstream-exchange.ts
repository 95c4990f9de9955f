// One HTTP exchange with an upstream through undici's dispatcher, with the reply's body handed to
// its reader chunk by chunk. undici's `request()` wraps each reply in a Node Readable stream (and
// an AsyncResource, and a promise per step): ~3.5 µs of CPU per request in a client
// micro-benchmark, and ~11 µs more on the way to a stream's first byte at c=1 (timestamps inside
// the gateway). The body here is a queue of the chunks that arrived before its reader attached
// (bounded: past EARLY_BODY_LIMIT the socket is paused), then direct calls; backpressure is
// undici's own pause/resume.
import type { Dispatcher } from 'undici';
import type { CallSignal } from '../adapter.ts';
import type { HeaderBag } from './upstream-failure.ts';
import { poolFor } from './upstream-pool.ts';

/** Receives a body: its chunks in order, then exactly one of end or error. */
export interface BodySink {
  data(chunk: Buffer): void;
  end(): void;
  error(error: unknown): void;
}

export interface UpstreamExchange {
  status: number;
  headers: HeaderBag;
  body: UpstreamBody;
}

export interface ExchangeRequest {
  origin: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: CallSignal;
}

/** Resolves with the reply's status and headers; rejects with the transport's (or the abort's) error. */
export function exchange(request: ExchangeRequest): Promise<UpstreamExchange> {
  return new Promise((resolve, reject) => {
    const handler = new ExchangeHandler(resolve, reject, request.signal);
    poolFor(request.origin).dispatch(
      { method: request.method, path: request.path, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) },
      handler,
    );
  });
}

type BodyState = 'open' | 'ended' | 'failed' | 'destroyed';

/** Bytes kept for a reader that has not attached yet before reading from the socket stops. */
export const EARLY_BODY_LIMIT = 1024 * 1024;

export class UpstreamBody {
  #state: BodyState = 'open';
  #sink: BodySink | undefined;
  /** Chunks that arrived before the reader attached (usually all in the reply's first read). */
  #early: Buffer[] = [];
  #earlyBytes = 0;
  /** The reader asked for a pause (as opposed to the early-bytes limit). */
  #readerPaused = false;
  #failure: unknown;

  constructor(private readonly controller: Dispatcher.DispatchController) {}

  /** Attaches the reader: what arrived already is delivered at once, the rest as it comes. */
  pipeTo(sink: BodySink): void {
    if (this.#sink || this.#state === 'destroyed') throw new Error('the upstream body has already been read');
    this.#sink = sink;
    const early = this.#early;
    this.#early = [];
    this.#earlyBytes = 0;
    for (const chunk of early) {
      if (this.#sink !== sink) return; // the reader destroyed the body while taking one
      sink.data(chunk);
    }
    if (this.#sink !== sink) return;
    if (this.#state === 'ended') sink.end();
    else if (this.#state === 'failed') sink.error(this.#failure);
    // Paused for the early-bytes limit only: the reader is here now.
    else if (this.controller.paused && !this.#readerPaused) this.controller.resume();
  }

  /** Stops reading from the socket until resume (the client is slower than the upstream). */
  pause(): void {
    this.#readerPaused = true;
    if (this.#state === 'open') this.controller.pause();
  }

  resume(): void {
    this.#readerPaused = false;
    if (this.#state === 'open') this.controller.resume();
  }

  get paused(): boolean {
    return this.controller.paused;
  }

  /** True once the body ended, failed or was destroyed: nothing more will be delivered. */
  get finished(): boolean {
    return this.#state !== 'open';
  }

  /** The reader is done with it: abort the exchange if it is still running (frees the socket). */
  destroy(): void {
    const wasOpen = this.#state === 'open';
    this.#state = 'destroyed';
    this.#sink = undefined;
    this.#early = [];
    if (wasOpen) this.controller.abort(new Error('the upstream body was released before its end'));
  }

  /** @internal From the handler. */
  receive(chunk: Buffer): void {
    if (this.#state !== 'open') return;
    if (this.#sink) return this.#sink.data(chunk);
    this.#early.push(chunk);
    this.#earlyBytes += chunk.length;
    if (this.#earlyBytes > EARLY_BODY_LIMIT) this.controller.pause();
  }

  /** @internal From the handler. */
  complete(): void {
    if (this.#state !== 'open') return;
    this.#state = 'ended';
    this.#sink?.end();
  }

  /** @internal From the handler. */
  fail(error: unknown): void {
    if (this.#state !== 'open') return;
    this.#state = 'failed';
    this.#failure = error;
    this.#sink?.error(error);
  }
}

class ExchangeHandler implements Dispatcher.DispatchHandler {
  #body: UpstreamBody | undefined;
  #controller: Dispatcher.DispatchController | undefined;

  constructor(
    private readonly resolve: (exchange: UpstreamExchange) => void,
    private readonly reject: (error: unknown) => void,
    private readonly signal: CallSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.#onAbort);
  }

  #onAbort = (): void => {
    // Before the request started, onRequestStart sees the aborted signal.
    this.#controller?.abort(abortReason(this.signal!));
  };

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.signal?.aborted) controller.abort(abortReason(this.signal));
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: HeaderBag): void {
    this.#body = new UpstreamBody(controller);
    this.resolve({ status: statusCode, headers, body: this.#body });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#body?.receive(chunk);
  }

  onResponseEnd(): void {
    this.#done();
    this.#body?.complete();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#done();
    // Before the reply started, the error is the exchange's; after, its body's.
    if (this.#body) this.#body.fail(error);
    else this.reject(error);
  }

  #done(): void {
    this.signal?.removeEventListener('abort', this.#onAbort);
  }
}

function abortReason(signal: CallSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
