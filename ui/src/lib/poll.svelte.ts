// Reactive polling for live pages. A request starts only after the previous one settled (a slow
// server never piles up requests), the last good value is kept when a refresh fails so pages can
// show it as stale, and polling pauses while the tab is hidden.
import { untrack } from 'svelte';

export class Poller<T> {
  /** The last successfully loaded value; kept across failures. */
  data = $state<T | undefined>(undefined);
  /** The message of the latest failure; cleared by the next success. */
  error = $state<string | undefined>(undefined);
  /** When `data` was loaded. */
  updatedAt = $state<Date | undefined>(undefined);
  loading = $state(false);

  /** True when the value on screen is older than the latest attempt (that attempt failed). */
  stale = $derived(this.data !== undefined && this.error !== undefined);

  #load: (signal: AbortSignal) => Promise<T>;
  #intervalMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;

  constructor(load: (signal: AbortSignal) => Promise<T>, intervalMs: number) {
    this.#load = load;
    this.#intervalMs = intervalMs;
  }

  /** Starts polling; returns the function that stops it (fits `$effect`'s teardown). */
  start(): () => void {
    const controller = new AbortController();
    this.#controller = controller;
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void this.refresh();
    };
    document.addEventListener('visibilitychange', onVisibility);
    // start() is meant to run inside an $effect: the first refresh reads and writes `loading`,
    // which must not become a dependency of that effect (it would restart polling in a loop).
    untrack(() => void this.refresh());
    return () => {
      controller.abort();
      clearTimeout(this.#timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }

  /** Loads now (unless a load is under way), then schedules the next one. */
  async refresh(): Promise<void> {
    const controller = this.#controller;
    if (!controller || controller.signal.aborted || this.loading) return;
    clearTimeout(this.#timer);
    this.loading = true;
    try {
      const value = await this.#load(controller.signal);
      this.data = value;
      this.updatedAt = new Date();
      this.error = undefined;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
    if (controller.signal.aborted || document.visibilityState === 'hidden') return;
    this.#timer = setTimeout(() => void this.refresh(), this.#intervalMs);
  }
}
