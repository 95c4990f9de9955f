// Whether the client of one request is still there. An AbortController per request (an
// EventTarget with its own listener map) cost ~1.5 KB and a few µs on every request, to carry
// one bit that is almost never set; this carries the bit, plain callbacks for the attempt loop,
// and a real AbortSignal only for the APIs that want one (created on first use).
import type { ServerResponse } from 'node:http';

/** What the attempt loop needs to know about the client: gone or not, and when it goes. */
export interface ClientPresence {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `listener` once when the client goes away; returns the unsubscribe. */
  onAbort(listener: () => void): () => void;
  /** An AbortSignal that aborts when the client goes away (for APIs that take one). */
  readonly signal: AbortSignal;
}

export class ClientLifetime implements ClientPresence {
  #aborted = false;
  #reason: unknown;
  #listeners: Array<() => void> | undefined;
  #controller: AbortController | undefined;

  /** Watches `res`: a connection that closes before the response finished is a client that left. */
  constructor(res: ServerResponse) {
    res.once('close', () => {
      if (!res.writableFinished) this.abort(new Error('client disconnected'));
    });
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  onAbort(listener: () => void): () => void {
    if (this.#aborted) {
      listener();
      return () => {};
    }
    (this.#listeners ??= []).push(listener);
    return () => {
      const at = this.#listeners?.indexOf(listener) ?? -1;
      if (at >= 0) this.#listeners!.splice(at, 1);
    };
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listeners = this.#listeners ?? [];
    this.#listeners = undefined;
    for (const listener of listeners) listener();
    this.#controller?.abort(reason);
  }
}
