// A migrated database with a Prisma client on it. The generated client must exist before
// db/client.ts is imported, so generate it (a no-op when current) and import lazily.
import { generateClient } from '../../db/generate-client.ts';
import { applyMigrations } from '../../db/migrate.ts';
import type { PrismaClient } from '../../db/client.ts';
import type { TestDatabaseServer } from './database.ts';

export async function migratedPrisma(server: TestDatabaseServer): Promise<{ prisma: PrismaClient; databaseUrl: string }> {
  await generateClient();
  const databaseUrl = await server.createDatabase();
  await applyMigrations(databaseUrl);
  const { createPrisma } = await import('../../db/client.ts');
  return { prisma: createPrisma(databaseUrl, { maxConnections: 4 }), databaseUrl };
}
