// The request-log writer against a real Postgres: COPY lines that carry any text (tabs, newlines,
// backslashes, NUL, every UTF-8 width) into text and jsonb columns exactly; a batch with ids
// already written skips them; and a row Postgres refuses is found and dropped alone, so it cannot
// hold back the rows queued behind it (one NUL in a `user` field used to do exactly that).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { applyMigrations } from '../../db/migrate.ts';
import type { RequestLogRow } from '../../gateway/request-log/log-row.ts';
import { encodeLogRecord, isRejectedData, writeRequestLogs } from '../../gateway/request-log/log-writer.ts';
import { RequestLogQueue } from '../../gateway/request-log/request-log-queue.ts';
import { withDatabaseServer, type TestDatabaseServer } from '../helpers/database.ts';
import { testLogRow } from '../helpers/log-rows.ts';

function row(id: string, fields: { endUser?: string; tags?: Record<string, string>; outcome?: string; projectId?: string } = {}): RequestLogRow {
  return testLogRow(
    id,
    {
      requestedModel: '@production',
      tags: fields.tags ?? {},
      createdAt: new Date('2026-12-03T10:00:00.123Z'),
      ...(fields.projectId === undefined ? {} : { projectId: fields.projectId }),
      ...(fields.endUser === undefined ? {} : { endUser: fields.endUser }),
    },
    {
      outcome: fields.outcome ?? 'attempt 1 succeeded',
      totals: { latencyMs: 12, costUsd: 0.000020251, inputTokens: 7, outputTokens: 32, cachedInputTokens: 0, reasoningTokens: 0 },
    },
  );
}

describe('request-log writer (COPY)', () => {
  let server: TestDatabaseServer;
  let pool: pg.Pool;
  before(async () => {
    server = await withDatabaseServer();
    const url = await server.createDatabase();
    await applyMigrations(url);
    pool = new pg.Pool({ connectionString: url, max: 2 });
  });
  after(async () => {
    await pool.end();
    await server.close();
  });

  const stored = async (id: string) => (await pool.query('SELECT * FROM request_logs WHERE id = $1', [id])).rows[0] as Record<string, unknown> | undefined;

  test('text and JSON of any content round-trip; NUL, which Postgres cannot store, becomes U+FFFD', async () => {
    const tricky = 'tab\there\nnew line\r\\ backslash \\N not null "quoted" ünïcødé 中文 😀 \\u0000 as text';
    await writeRequestLogs(pool, [row('req_text', { endUser: tricky, tags: { [tricky]: tricky }, outcome: tricky }), row('req_nul', { endUser: 'a\u0000b', tags: { k: 'v\u0000' }, outcome: '\u0000' })]);

    const text = await stored('req_text');
    assert.equal(text?.end_user, tricky);
    assert.deepEqual(text?.tags, { [tricky]: tricky });
    assert.equal((text?.trace as { outcome: string }).outcome, tricky);
    assert.equal(text?.cost_usd, '0.000020251');
    assert.equal((text?.created_at as Date).toISOString(), '2026-12-03T10:00:00.123Z');
    assert.equal(text?.stream, false);
    assert.equal(text?.ttft_ms, null);
    assert.equal(text?.input_tokens, 7);

    const nul = await stored('req_nul');
    assert.equal(nul?.end_user, 'a\uFFFDb');
    assert.deepEqual(nul?.tags, { k: 'v\uFFFD' });
    assert.equal((nul?.trace as { outcome: string }).outcome, '\uFFFD');
  });

  test('a line is one line whatever the row holds', () => {
    const line = encodeLogRecord(row('req_line', { endUser: 'x\ny\tz', tags: { a: 'b\nc' } }));
    assert.equal(line.indexOf('\n'), line.length - 1);
    assert.equal(line.split('\t').length, 28, 'one field per column');
  });

  test('ids already written are skipped, the rest of the batch is written', async () => {
    await writeRequestLogs(pool, [row('req_dup_1', { endUser: 'first' })]);
    await writeRequestLogs(pool, [row('req_dup_1', { endUser: 'second' }), row('req_dup_2'), row('req_dup_2')]);
    const { rows } = await pool.query<{ id: string; end_user: string | null }>("SELECT id, end_user FROM request_logs WHERE id LIKE 'req_dup_%' ORDER BY id");
    assert.deepEqual(rows, [{ id: 'req_dup_1', end_user: 'first' }, { id: 'req_dup_2', end_user: null }]);
  });

  test('a row Postgres refuses is dropped alone; the rows around it are written', async () => {
    const refused = await writeRequestLogs(pool, [row('req_bad', { projectId: 'not-a-uuid' })]).then(() => undefined, (error: unknown) => error);
    assert.ok(isRejectedData(refused), `a malformed uuid is a refusal of the data: ${String(refused)}`);

    const failures: string[] = [];
    const queue = new RequestLogQueue(pool, (_error, outcome) => void failures.push(outcome));
    for (let i = 0; i < 40; i++) queue.push(row(`req_batch_${String(i).padStart(2, '0')}`, i === 17 ? { projectId: 'not-a-uuid' } : {}));
    await queue.flush();
    const { rows } = await pool.query<{ id: string }>("SELECT id FROM request_logs WHERE id LIKE 'req_batch_%' ORDER BY id");
    assert.equal(rows.length, 39);
    assert.ok(!rows.some((r) => r.id === 'req_batch_17'));
    assert.equal(queue.snapshot().rejected, 1);
    assert.equal(queue.snapshot().queued, 0);
    assert.ok(!failures.includes('retrying'));
    queue.close();
  });

  test('the pool stays usable after refused and duplicate batches', async () => {
    await writeRequestLogs(pool, [row('req_after')]);
    assert.equal((await stored('req_after'))?.id, 'req_after');
    assert.equal(pool.totalCount <= 2, true);
  });
});
