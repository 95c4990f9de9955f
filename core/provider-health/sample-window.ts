// A target's recent outcomes: a fixed ring of the last samples, read through a time window.
// Percentiles are computed on demand (a sort of at most 256 numbers) and cached for a second. A
// failure drops the cache at once (error rates move on failures); successes only after
// SUCCESS_REFRESH_MS: invalidating on every success re-sorted the window on every request of a
// latency-ranked config (its own previous request had just added a sample).
import type { WindowStats } from './health-types.ts';

const CAPACITY = 256;
const STATS_TTL_MS = 1_000;
/** How stale the cached stats may be when only successes arrived since. */
const SUCCESS_REFRESH_MS = 100;

interface Sample {
  at: number;
  ok: boolean;
  /** Whole-response latency (non-streamed success), or NaN. */
  latencyMs: number;
  /** Time to first token (streamed success), or NaN. */
  ttftMs: number;
}

export class SampleWindow {
  private readonly samples: Sample[] = [];
  private next = 0;
  private cached: WindowStats | undefined;
  private cachedAt = 0;

  constructor(private readonly windowMs: number) {}

  add(sample: Sample): void {
    if (this.samples.length < CAPACITY) this.samples.push(sample);
    else this.samples[this.next] = sample;
    this.next = (this.next + 1) % CAPACITY;
    if (!sample.ok || sample.at - this.cachedAt >= SUCCESS_REFRESH_MS) this.cached = undefined;
  }

  stats(now: number): WindowStats {
    if (this.cached && now - this.cachedAt < STATS_TTL_MS) return this.cached;
    const since = now - this.windowMs;
    let requests = 0;
    let failures = 0;
    const latencies: number[] = [];
    const ttfts: number[] = [];
    for (const sample of this.samples) {
      if (sample.at < since) continue;
      requests++;
      if (!sample.ok) failures++;
      else if (!Number.isNaN(sample.latencyMs)) latencies.push(sample.latencyMs);
      else if (!Number.isNaN(sample.ttftMs)) ttfts.push(sample.ttftMs);
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

export type { Sample };
