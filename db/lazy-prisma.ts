// A Prisma client opened on first use. The gateway's hot path never touches Prisma (it reads and
// writes through its own pg pool, db/sql.ts); only the REST API does. Importing db/client.ts
// lazily keeps Prisma's runtime, the generated client and the pg adapter out of a gateway that
// only proxies: the compiled gateway puts them in a chunk of their own (scripts/build-gateway.ts),
// which saved ~7 MB of RSS under load (docs/architecture.md, "What the gateway loads, and when").
import type { CreatePrismaOptions, PrismaClient } from './client.ts';

export interface LazyPrisma {
  /** The client, created (once) on the first call. */
  get(): Promise<PrismaClient>;
  /** Disconnects the client if it was ever created. */
  disconnect(): Promise<void>;
}

export function lazyPrisma(databaseUrl: string, opts: CreatePrismaOptions = {}): LazyPrisma {
  let client: Promise<PrismaClient> | undefined;
  return {
    get() {
      client ??= import('./client.ts').then((module) => module.createPrisma(databaseUrl, opts)).catch((error: unknown) => {
        // A failed load (a missing generated client) is retried by the next caller, not cached.
        client = undefined;
        throw error;
      });
      return client;
    },
    async disconnect() {
      const opened = await client?.catch(() => undefined);
      await opened?.$disconnect();
    },
  };
}
