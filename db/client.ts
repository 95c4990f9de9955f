// The one way to get a Prisma client: the generated client (prisma-client generator, output in
// generated/prisma) over node-postgres through @prisma/adapter-pg — no native query engine.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { waitLimits } from './sql-pool.ts';

export type { PrismaClient } from '../generated/prisma/client.ts';
export { Prisma } from '../generated/prisma/client.ts';

export interface CreatePrismaOptions {
  /** Pool size of the underlying pg.Pool (default 10, node-postgres's default). */
  maxConnections?: number;
}

export function createPrisma(databaseUrl: string, opts: CreatePrismaOptions = {}): PrismaClient {
  // The same bounded waits as the plain-SQL pools: a stuck database fails an API call, not hangs it.
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.maxConnections ?? 10, ...waitLimits() });
  return new PrismaClient({ adapter });
}
