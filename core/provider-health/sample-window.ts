// A target's recent outcomes: a fixed ring of the last samples, read through a time window.
// Percentiles are computed on demand (a sort of at most 256 numbers) and cached for a second. A
// failure drops the cache at once (error rates move on failures); successes only after
// SUCCESS_REFRESH_MS: invalidating on every success re-sorted the window on every request of a
// latency-ranked config (its own previous request had just added a sample).
//
// The ring is columns of typed arrays, not sample objects: every request adds a sample to two
// windows (its model and its provider), and each sample object (with its boxed numbers) lived
// for 256 requests, long enough to be promoted to the old generation and die there; at c=1 that
// was ~0.4 KB of old-generation garbage per request (sampling heap profile), fed to mark-compacts.
import type { WindowStats } from './health-types.ts';

const CAPACITY = 256;
const STATS_TTL_MS = 1_000;
/** How stale the cached stats may be when only successes arrived since. */
const SUCCESS_REFRESH_MS = 100;

export class SampleWindow {
  private readonly at = new Float64Array(CAPACITY);
  private readonly ok = new Uint8Array(CAPACITY);
  /** Whole-response latency (non-streamed success), or NaN. */
  private readonly latencyMs = new Float64Array(CAPACITY);
  /** Time to first token (streamed success), or NaN. */
  private readonly ttftMs = new Float64Array(CAPACITY);
  private size = 0;
  private next = 0;
  private cached: WindowStats | undefined;
  private cachedAt = 0;

  constructor(private readonly windowMs: number) {}

  /** One outcome at `at` (ms): NaN for a latency that was not measured (failures, the other kind). */
  add(at: number, ok: boolean, latencyMs: number, ttftMs: number): void {
    const slot = this.next;
    this.at[slot] = at;
    this.ok[slot] = ok ? 1 : 0;
    this.latencyMs[slot] = latencyMs;
    this.ttftMs[slot] = ttftMs;
    this.next = (slot + 1) % CAPACITY;
    if (this.size < CAPACITY) this.size++;
    if (!ok || at - this.cachedAt >= SUCCESS_REFRESH_MS) this.cached = undefined;
  }

  stats(now: number): WindowStats {
    if (this.cached && now - this.cachedAt < STATS_TTL_MS) return this.cached;
    const since = now - this.windowMs;
    let requests = 0;
    let failures = 0;
    const latencies: number[] = [];
    const ttfts: number[] = [];
    for (let slot = 0; slot < this.size; slot++) {
      if (this.at[slot]! < since) continue;
      requests++;
      if (this.ok[slot] === 0) failures++;
      else if (!Number.isNaN(this.latencyMs[slot])) latencies.push(this.latencyMs[slot]!);
      else if (!Number.isNaN(this.ttftMs[slot])) ttfts.push(this.ttftMs[slot]!);
    }
    latencies.sort((a, b) => a - b);
    ttfts.sort((a, b) => a - b);
    this.cached = {
      requests,
      failures,
      errorRate: requests === 0 ? 0 : failures / requests,
      latencySamples: latencies.length,
      ttftSamples: ttfts.length,
      ...percentiles(latencies, 'p50Ms', 'p95Ms'),
      ...percentiles(ttfts, 'ttftP50Ms', 'ttftP95Ms'),
    };
    this.cachedAt = now;
    return this.cached;
  }
}

function percentiles<A extends string, B extends string>(sorted: number[], p50: A, p95: B): Partial<Record<A | B, number>> {
  if (sorted.length === 0) return {};
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { [p50]: at(0.5), [p95]: at(0.95) } as Record<A | B, number>;
}
