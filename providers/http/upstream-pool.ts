// One keep-alive connection pool per upstream origin, shared by every adapter and every
// credential (pools hold sockets, not secrets). Timeouts here are only backstops: the real
// per-attempt deadline is the caller's AbortSignal.
// Pool's own module, not undici's index: the index also loads fetch, WebSocket, EventSource, the
// cache and the mock agents, ~3 MB of heap a gateway never uses (and with heap growth at 1.5× the
// live size, ~4.5 MB of peak RSS). undici is pinned, so the path cannot move under us unseen.
import type { Pool } from 'undici';
import PoolClass from 'undici/lib/dispatcher/pool.js';

const pools = new Map<string, Pool>();

const POOL_OPTIONS = {
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 10 * 60_000,
  // Reasoning models can think for minutes before the first byte; the caller's signal decides sooner.
  headersTimeout: 10 * 60_000,
  // Silence between two chunks of a body (a stalled stream) longer than this is a dead upstream.
  bodyTimeout: 5 * 60_000,
  connectTimeout: 10_000,
} as const;

/** The pool for an origin ("http://127.0.0.1:8089"), created on first use. */
export function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool || pool.closed || pool.destroyed) {
    pool = new PoolClass(origin, POOL_OPTIONS);
    pools.set(origin, pool);
  }
  return pool;
}

/** Closes every pool (graceful shutdown, end of a test file); in-flight requests finish first. */
export async function closeUpstreamPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close().catch(() => pool.destroy())));
}
