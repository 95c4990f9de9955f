import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { applyMigrations, MigrationError } from '../../db/migrate.ts';
import { defaultMigrationsDir, readMigrationFiles } from '../../db/migration-files.ts';
import { makeTempDir, withDatabaseServer, type TestDatabaseServer } from '../helpers/database.ts';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('applyMigrations', () => {
  let server: TestDatabaseServer;
  before(async () => {
    server = await withDatabaseServer();
  });
  after(async () => {
    await server.close();
  });

  test('applies every migration to an empty database, then nothing on a second run', async () => {
    const url = await server.createDatabase();
    const files = await readMigrationFiles();
    assert.ok(files.length > 0);
    const first = await applyMigrations(url);
    assert.deepEqual(first.applied, files.map((f) => f.name));
    const second = await applyMigrations(url);
    assert.deepEqual(second.applied, []);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; id: string }>(
      url,
      'SELECT id, migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    assert.equal(rows.length, files.length);
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(path.join(defaultMigrationsDir, row.migration_name, 'migration.sql'));
      assert.equal(row.checksum, createHash('sha256').update(sql).digest('hex'));
      assert.equal(row.migration_name, files[i]?.name);
      assert.ok(row.finished_at instanceof Date);
      assert.equal(row.applied_steps_count, 1);
      assert.match(row.id, /^[0-9a-f-]{36}$/);
    }
  });

  test('creates _prisma_migrations with the columns Prisma uses', async () => {
    const url = await server.createDatabase();
    await applyMigrations(url);
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>(
      url,
      `SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    assert.deepEqual(
      columns.map((c) => `${c.column_name}:${c.data_type}${c.character_maximum_length ? `(${c.character_maximum_length})` : ''}:${c.is_nullable}`),
      [
        'id:character varying(36):NO',
        'checksum:character varying(64):NO',
        'finished_at:timestamp with time zone:YES',
        'migration_name:character varying(255):NO',
        'logs:text:YES',
        'rolled_back_at:timestamp with time zone:YES',
        'started_at:timestamp with time zone:NO',
        'applied_steps_count:integer:NO',
      ],
    );
  });

  test('is safe when several processes migrate at once', async () => {
    const url = await server.createDatabase();
    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    const files = await readMigrationFiles();
    assert.equal(results.filter((r) => r.applied.length === files.length).length, 1);
    assert.equal(results.filter((r) => r.applied.length === 0).length, 3);
    const [count] = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM _prisma_migrations');
    assert.equal(Number(count?.n), files.length);
  });

  test('refuses to run when an applied migration was edited', async () => {
    const url = await server.createDatabase();
    const dir = await makeTempDir('migrations');
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await applyMigrations(url, { migrationsDir: dir });
    const [first] = await readMigrationFiles(dir);
    assert.ok(first);
    await writeFile(path.join(dir, first.name, 'migration.sql'), `${first.sql}\n-- edited\n`);
    await assert.rejects(applyMigrations(url, { migrationsDir: dir }), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.match(error.message, /was modified after it was applied/);
      return true;
    });
  });

  test('rolls a failing migration back completely and records nothing', async () => {
    const url = await server.createDatabase();
    const dir = await makeTempDir('migrations');
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await mkdir(path.join(dir, '29990101000000_broken'));
    await writeFile(path.join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n');
    await assert.rejects(applyMigrations(url, { migrationsDir: dir }), /29990101000000_broken failed and was rolled back/);
    const tables = await query<{ n: string }>(url, `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'half_done'`);
    assert.equal(Number(tables[0]?.n), 0);
    const recorded = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations');
    assert.deepEqual(recorded.map((r) => r.migration_name), (await readMigrationFiles()).map((f) => f.name));
  });
});
