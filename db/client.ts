// The one way to get a Prisma client: the generated client (prisma-client generator, output in
// generated/prisma) over node-postgres through @prisma/adapter-pg — no native query engine.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type { PrismaClient } from '../generated/prisma/client.ts';
export { Prisma } from '../generated/prisma/client.ts';

export interface CreatePrismaOptions {
  /** Pool size of the underlying pg.Pool (default 10, node-postgres's default). */
  maxConnections?: number;
}

export function createPrisma(databaseUrl: string, opts: CreatePrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}
