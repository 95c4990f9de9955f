// `node --import tsx scripts/migrate.ts`: applies pending database migrations to DATABASE_URL
// (production deployments run this once before gateways and workers start).
import { z } from 'zod';
import { applyMigrations } from '../db/migrate.ts';
import { databaseUrl, parseEnv, runMain } from '../runtime/env.ts';

runMain(async () => {
  const env = parseEnv(z.object({ DATABASE_URL: databaseUrl }));
  const result = await applyMigrations(env.DATABASE_URL, { log: (line) => console.log(line) });
  console.log(result.applied.length ? `applied ${result.applied.join(', ')}` : 'database is up to date');
});
