// A closed-loop HTTP load generator over undici: c workers each send the next request as soon as
// the previous one finished. Measures per-request latency and time to first body byte (for a
// stream, the first SSE frame). One keep-alive pool per run, sized to the concurrency, so no
// request waits for a socket and connection set-up is paid before timing (warm-up).
import { Pool } from 'undici';

export interface Target {
  name: string;
  /** Full URL of the chat completions endpoint. */
  url: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  latenciesMs: number[];
  ttfbMs: number[];
  requests: number;
  errors: number;
  seconds: number;
  /** The first non-200 status or exception, to explain errors. */
  firstError?: string;
}

export interface LoadOptions {
  concurrency: number;
  body: string;
  requests?: number;
  seconds?: number;
  /** Requests sent (untimed) before measuring, per run. */
  warmup?: number;
}

export async function load(target: Target, options: LoadOptions): Promise<LoadResult> {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections: options.concurrency, keepAliveTimeout: 60_000 });
  const path = url.pathname + url.search;
  const headers = { 'content-type': 'application/json', ...target.headers };
  const latenciesMs: number[] = [];
  const ttfbMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;

  const once = async (record: boolean) => {
    const t0 = performance.now();
    try {
      const response = await pool.request({ method: 'POST', path, headers, body: options.body });
      let ttfb = Number.NaN;
      for await (const _chunk of response.body) {
        if (Number.isNaN(ttfb)) ttfb = performance.now() - t0;
      }
      const total = performance.now() - t0;
      if (response.statusCode !== 200) {
        errors++;
        firstError ??= `HTTP ${response.statusCode}`;
        return;
      }
      if (record) {
        latenciesMs.push(total);
        ttfbMs.push(ttfb);
      }
    } catch (error) {
      errors++;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  };

  // Warm-up over all connections at once, so every socket is open before timing starts.
  const warmup = options.warmup ?? options.concurrency * 4;
  let warmed = 0;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (warmed < warmup) {
      warmed++;
      await once(false);
    }
  }));
  errors = 0;

  let sent = 0;
  const limit = options.requests ?? Infinity;
  const started = performance.now();
  const deadline = options.seconds ? started + options.seconds * 1000 : Infinity;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (sent < limit && performance.now() < deadline) {
      sent++;
      await once(true);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { latenciesMs, ttfbMs, requests: latenciesMs.length, errors, seconds, ...(firstError ? { firstError } : {}) };
}
