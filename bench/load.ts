// A closed-loop HTTP load generator over undici: c workers each send the next request as soon as
// the previous one finished. Measures per-request latency (and time to first byte for streams).
import { Agent, request } from 'undici';

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  latenciesMs: number[];
  ttfbMs: number[];
  requests: number;
  errors: number;
  seconds: number;
}

export async function load(target: Target, options: { concurrency: number; requests?: number; seconds?: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAliveTimeout: 60_000, connections: options.concurrency });
  const latenciesMs: number[] = [];
  const ttfbMs: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = options.seconds ? started + options.seconds * 1000 : Infinity;
  const limit = options.requests ?? Infinity;
  const worker = async () => {
    while (sent < limit && performance.now() < deadline) {
      sent++;
      const t0 = performance.now();
      try {
        const response = await request(target.url, { method: 'POST', dispatcher: agent, headers: target.headers, body: target.body });
        let first = true;
        for await (const _chunk of response.body) {
          if (first) {
            ttfbMs.push(performance.now() - t0);
            first = false;
          }
        }
        if (response.statusCode !== 200) errors++;
        latenciesMs.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { latenciesMs, ttfbMs, requests: latenciesMs.length, errors, seconds };
}
