// The gateway's plain-SQL pool against a stuck database: a request-log batch that waits on a
// lock ends in an error after the statement timeout instead of waiting forever, the queue keeps
// the rows (a timeout is not a refusal of the data) and writes them once the lock is gone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { applyMigrations } from '../../db/migrate.ts';
import { createSqlPool } from '../../db/sql-pool.ts';
import { isRejectedData, writeRequestLogs } from '../../gateway/request-log/log-writer.ts';
import { RequestLogQueue } from '../../gateway/request-log/request-log-queue.ts';
import { withDatabaseServer, type TestDatabaseServer } from '../helpers/database.ts';
import { testLogRow } from '../helpers/log-rows.ts';

const row = (id: string) => testLogRow(id);

describe('SQL pool limits', () => {
  let server: TestDatabaseServer;
  let url: string;
  let pool: pg.Pool;
  let locker: pg.Client;
  before(async () => {
    server = await withDatabaseServer();
    url = await server.createDatabase();
    await applyMigrations(url);
    pool = createSqlPool({ databaseUrl: url, max: 2, applicationName: 'sql-pool-test', statementTimeoutMs: 300 });
    locker = new pg.Client({ connectionString: url });
    await locker.connect();
  });
  after(async () => {
    await locker.end();
    await pool.end();
    await server.close();
  });

  test('a write stuck behind a lock fails after the statement timeout; the queue retries it once the lock is gone', { timeout: 20_000 }, async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE request_logs IN ACCESS EXCLUSIVE MODE');
    const error = await writeRequestLogs(pool, [row('req_locked_direct')]).then(() => undefined, (e: unknown) => e);
    assert.equal((error as { code?: string } | undefined)?.code, '57014', `expected a statement timeout, got ${String(error)}`);
    assert.equal(isRejectedData(error), false, 'a timeout is not a refusal of the rows');

    const outcomes: string[] = [];
    const queue = new RequestLogQueue(pool, (_error, outcome) => void outcomes.push(outcome));
    for (let i = 0; i < 5; i++) queue.push(row(`req_locked_${i}`));
    while (!outcomes.includes('retrying')) await new Promise((r) => setTimeout(r, 50));
    assert.equal(queue.snapshot().queued, 5, 'the rows wait');

    await locker.query('COMMIT');
    await queue.flush(10_000);
    assert.equal(queue.snapshot().queued, 0);
    assert.equal(queue.snapshot().rejected, 0);
    const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM request_logs WHERE id LIKE 'req_locked_%'");
    assert.equal(Number(rows[0]!.n), 5);
    queue.close();
  });
});
