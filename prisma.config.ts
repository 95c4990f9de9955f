// Prisma 7 CLI configuration. The datasource URL lives here (not in schema.prisma). It is read
// lazily from the environment and may be absent: `prisma generate` (run from postinstall) needs
// no database, and our own migrator (db/migrate.ts) receives its URL explicitly.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
