// A Postgres for database tests. When the suite runs, the harness provides DATABASE_URL; a test
// file run on its own (DATABASE_URL unset) starts an embedded Postgres in a temporary folder on
// a free port instead. Either way every test gets its own fresh, empty database, so files can
// run in parallel and tests can assume an empty schema.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { freePort } from '../../runtime/ports.ts';

export interface TestDatabaseServer {
  /** A new empty database on the server; dropped again by close(). */
  createDatabase(): Promise<string>;
  close(): Promise<void>;
}

export { freePort };

export async function makeTempDir(label: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `switchyard-${label}-`));
}

export async function withDatabaseServer(): Promise<TestDatabaseServer> {
  let serverUrl = process.env.DATABASE_URL;
  let cleanup = async () => {};
  if (!serverUrl) {
    const dir = await makeTempDir('test-pg');
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort() });
    serverUrl = embedded.databaseUrl;
    cleanup = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const created: string[] = [];
  const admin = async <T>(body: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await body(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `sy_test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
      created.push(name);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async close() {
      await admin(async (client) => {
        // WITH (FORCE) (PG 13+) ends connections a failed test may have leaked.
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }).catch(() => {});
      await cleanup();
    },
  };
}
