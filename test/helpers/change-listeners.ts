// Helpers for the cache tests: listeners on the harness database, a SQL client that counts the
// caches' reads, and polling until a condition holds.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { SqlClient } from '../../db/sql.ts';
import { PgListener } from '../../gateway/pg-listener.ts';
import { harnessStack } from './stack.ts';

export async function startListener(label: string): Promise<PgListener> {
  const listener = new PgListener({ databaseUrl: harnessStack().databaseUrl, applicationName: `${label}-${randomBytes(4).toString('hex')}`, minBackoffMs: 20 });
  await listener.start();
  return listener;
}

/** A pool on the harness database whose SELECTs are counted (the caches' reads; background writes such as last_used_at are not). */
export function countingSql(): { client: SqlClient; count: () => number; end: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: harnessStack().databaseUrl, max: 2 });
  let reads = 0;
  const client: SqlClient = {
    query(text, values) {
      if (/^\s*SELECT\b/i.test(text)) reads++;
      return pool.query(text, values);
    },
  };
  return { client, count: () => reads, end: () => pool.end() };
}

/** Polls `probe` until it returns true; returns the elapsed milliseconds, or throws after `timeoutMs`. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}
