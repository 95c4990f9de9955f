// The cancellation signal of one attempt on the fast path. An AbortController costs an
// EventTarget per attempt, and Node builds its AbortSignal with Object.setPrototypeOf, which in
// the running gateway showed ~30 µs of self time per request at c=1 (a CPU profile of the stream
// path); swapping this in cut the streaming time to first byte by ~40 µs (docs/architecture.md).
// It is the CallSignal the adapters and undici need, and nothing more.
import type { CallSignal } from '../../providers/adapter.ts';

export class AttemptAbort implements CallSignal {
  aborted = false;
  reason: unknown = undefined;
  #listeners: Array<() => void> | undefined;

  addEventListener(_type: 'abort', listener: () => void): void {
    // Like an AbortSignal: a listener added after the abort is never called.
    if (this.aborted) return;
    (this.#listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const listeners = this.#listeners;
    const index = listeners?.indexOf(listener) ?? -1;
    if (index >= 0) listeners!.splice(index, 1);
  }

  /** Aborts once; each listener runs once (they are dropped), an error in one does not stop the rest. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.#listeners = undefined;
    for (const listener of listeners ?? []) {
      try {
        listener();
      } catch (error) {
        // An EventTarget reports a listener's error as uncaught, after the others ran: the same.
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }
}
