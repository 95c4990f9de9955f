// Helpers for the cache tests: listeners on the harness database, a Prisma client that counts
// its queries, and polling until a condition holds.
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../db/client.ts';
import { PgListener } from '../../gateway/pg-listener.ts';
import { harnessStack } from './stack.ts';

export async function startListener(label: string): Promise<PgListener> {
  const listener = new PgListener({ databaseUrl: harnessStack().databaseUrl, applicationName: `${label}-${randomBytes(4).toString('hex')}`, minBackoffMs: 20 });
  await listener.start();
  return listener;
}

/** The same client, with every model query counted (raw queries are not used by the caches' reads). */
export function countingClient(prisma: PrismaClient): { client: PrismaClient; count: () => number } {
  let queries = 0;
  const client = prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    },
  });
  return { client: client as unknown as PrismaClient, count: () => queries };
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
