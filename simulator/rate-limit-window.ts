// A one-minute fixed window per model, so the rate-limit headers on every response carry
// plausible limit / remaining / reset values (clients and the gateway's health logic read them).
import type { Clock } from './clock.ts';

export interface RateLimitInfo {
  limitRequests: number;
  remainingRequests: number;
  limitTokens: number;
  remainingTokens: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

const WINDOW_MS = 60_000;

export class RateLimitWindows {
  private windows = new Map<string, { start: number; requests: number; tokens: number }>();

  constructor(private readonly clock: Clock) {}

  consume(model: string, tokens: number, limits: { requestsPerMinute: number; tokensPerMinute: number }, exhausted = false): RateLimitInfo {
    const now = this.clock.now();
    let w = this.windows.get(model);
    if (!w || now - w.start >= WINDOW_MS) this.windows.set(model, (w = { start: now, requests: 0, tokens: 0 }));
    w.requests++;
    w.tokens += tokens;
    return {
      limitRequests: limits.requestsPerMinute,
      // An injected 429 reports an empty bucket, as a real one would.
      remainingRequests: exhausted ? 0 : Math.max(0, limits.requestsPerMinute - w.requests),
      limitTokens: limits.tokensPerMinute,
      remainingTokens: exhausted ? 0 : Math.max(0, limits.tokensPerMinute - w.tokens),
      resetMs: Math.max(0, w.start + WINDOW_MS - now),
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
