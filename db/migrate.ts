// Our own small migrator: Prisma 7's `migrate deploy` needs the native schema engine, which no npm
// package ships (see docs/architecture.md). It applies prisma/migrations/*/migration.sql and keeps
// `_prisma_migrations` exactly as Prisma does, so `prisma migrate deploy/status` agree with it
// wherever the engine exists. Differences on purpose: each migration runs in one transaction
// together with its bookkeeping row (Postgres DDL is transactional), so a failed migration leaves
// nothing behind and is simply retried; hence no CREATE INDEX CONCURRENTLY in migrations.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { defaultMigrationsDir, readMigrationFiles } from './migration-files.ts';

/** The advisory lock key Prisma Migrate uses, so our migrator and Prisma's exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface ApplyMigrationsOptions {
  log?: (line: string) => void;
  migrationsDir?: string;
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function applyMigrations(databaseUrl: string, opts: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const files = await readMigrationFiles(opts.migrationsDir ?? defaultMigrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'switchyard-migrate' });
  await client.connect();
  try {
    // A session-level lock on this one connection: concurrent starters queue here, and the
    // later ones find everything applied.
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
    if (!rows[0]?.locked) {
      log('database migrations: waiting for another process to finish migrating');
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    try {
      return { applied: await applyPending(client, files, log) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(
  client: pg.Client,
  files: Awaited<ReturnType<typeof readMigrationFiles>>,
  log: (line: string) => void,
): Promise<string[]> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at',
  );
  const applied = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (!row.finished_at) {
      throw new MigrationError(
        `migration ${row.migration_name} was started but never finished (a failed \`prisma migrate deploy\`?); ` +
          'fix the database by hand, then mark it rolled back (`prisma migrate resolve --rolled-back`) or finished',
      );
    }
    applied.set(row.migration_name, row);
  }
  const local = new Set(files.map((file) => file.name));
  for (const name of applied.keys()) {
    if (!local.has(name)) log(`database migrations: ${name} is applied but missing from the migrations folder`);
  }

  const newlyApplied: string[] = [];
  for (const file of files) {
    const existing = applied.get(file.name);
    if (existing) {
      if (existing.checksum !== file.checksum) {
        throw new MigrationError(
          `migration ${file.name} was modified after it was applied (checksum ${existing.checksum.slice(0, 12)}… in the database, ` +
            `${file.checksum.slice(0, 12)}… on disk); never edit an applied migration — restore it and add a new one`,
        );
      }
      continue;
    }
    const started = Date.now();
    await client.query('BEGIN');
    try {
      await client.query(file.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, now(), 1)`,
        [randomUUID(), file.checksum, file.name, new Date(started)],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      const message = error instanceof Error ? error.message : String(error);
      throw new MigrationError(`migration ${file.name} failed and was rolled back: ${message}`, { cause: error });
    }
    log(`database migrations: applied ${file.name} (${Date.now() - started} ms)`);
    newlyApplied.push(file.name);
  }
  return newlyApplied;
}
