// The request-log queue: batches, a bound with counted drops, and rows that survive a Postgres
// outage (a real embedded Postgres stopped and started again) to be written when it returns.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { createPrisma } from '../../db/client.ts';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { applyMigrations } from '../../db/migrate.ts';
import { LogQueue } from '../../gateway/request-log/log-queue.ts';
import { RequestLogQueue } from '../../gateway/request-log/request-log-queue.ts';
import { freePort, makeTempDir } from '../helpers/database.ts';
import { testLogRow } from '../helpers/log-rows.ts';

test('writes in batches and keeps order', async () => {
  const batches: number[][] = [];
  const queue = new LogQueue<number>({ write: async (rows) => void batches.push([...rows]), batchSize: 3, intervalMs: 10 });
  for (let i = 0; i < 7; i++) queue.push(i);
  await queue.flush();
  assert.deepEqual(batches.flat(), [0, 1, 2, 3, 4, 5, 6]);
  assert.ok(batches.every((b) => b.length <= 3));
  assert.deepEqual(queue.snapshot(), { queued: 0, written: 7, dropped: 0, rejected: 0, failedBatches: 0 });
  queue.close();
});

test('a failing writer keeps rows (bounded, oldest dropped and counted) and retries', async () => {
  let failing = true;
  const written: number[] = [];
  const queue = new LogQueue<number>({
    write: async (rows) => {
      if (failing) throw new Error('database is down');
      written.push(...rows);
    },
    maxQueued: 5,
    batchSize: 2,
    intervalMs: 5,
  });
  for (let i = 0; i < 8; i++) queue.push(i);
  await new Promise((r) => setTimeout(r, 50));
  const during = queue.snapshot();
  assert.equal(during.queued, 5);
  assert.equal(during.dropped, 3);
  assert.ok(during.failedBatches >= 1);
  assert.equal(during.lastError, 'database is down');
  failing = false;
  await queue.flush();
  assert.deepEqual(written, [3, 4, 5, 6, 7], 'the newest rows survive, in order');
  queue.close();
});

test('a batch refused for its data is halved until the refused rows are found; only they are dropped', async () => {
  const bad = new Set([13, 14, 40]);
  const written: number[] = [];
  const outcomes: string[] = [];
  let writes = 0;
  const queue = new LogQueue<number>({
    write: async (rows) => {
      writes += 1;
      if (rows.some((row) => bad.has(row))) throw Object.assign(new Error('invalid input syntax'), { refused: true });
      written.push(...rows);
    },
    isRejection: (error) => (error as { refused?: boolean }).refused === true,
    onError: (_error, outcome) => void outcomes.push(outcome),
    batchSize: 64,
    intervalMs: 5,
  });
  for (let i = 0; i < 64; i++) queue.push(i);
  await queue.flush();
  assert.deepEqual(written, [...Array(64).keys()].filter((i) => !bad.has(i)), 'every other row is written, in order');
  assert.equal(queue.snapshot().rejected, 3);
  assert.equal(queue.snapshot().queued, 0);
  assert.equal(outcomes.filter((o) => o === 'rejected').length, 3);
  assert.ok(!outcomes.includes('retrying'), 'a refusal is not treated as an outage (no backoff)');
  assert.ok(writes < 40, `narrowing took ${writes} writes; one row at a time would take 64`);
  // Past the refused rows, batches are back to their normal size.
  for (let i = 100; i < 164; i++) queue.push(i);
  const before = writes;
  await queue.flush();
  assert.ok(writes - before <= 2, `after narrowing, ${writes - before} writes for one batch of rows`);
  queue.close();
});

test('rows pushed while Postgres is down are written once it is back (the gateway\'s own queue and writer)', async () => {
  const dir = await makeTempDir('log-queue-pg');
  const port = await freePort();
  const dataDir = path.join(dir, 'postgres');
  let server = await startEmbeddedPostgres({ dataDir, port });
  const prisma = createPrisma(server.databaseUrl, { maxConnections: 2 });
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  pool.on('error', () => {}); // idle connections die with the server; the queue sees the failures
  try {
    await applyMigrations(server.databaseUrl);
    const org = await prisma.organization.create({ data: { slug: 'log-org', name: 'Log org' } });
    const project = await prisma.project.create({ data: { orgId: org.id, slug: 'log-project', name: 'Log project' } });
    const queue = new RequestLogQueue(pool);
    // Characters of every UTF-8 width: the rows wait as bytes and travel in one COPY.
    const endUser = 'ünïcødé → 中文 😀';
    const row = (i: number) => testLogRow(`req_outage_${i}`, { projectId: project.id, tags: { team: `t-${i} ✓` }, endUser });
    queue.push(row(0));
    await queue.flush();
    assert.equal(queue.snapshot().written, 1);

    await server.stop();
    for (let i = 1; i <= 5; i++) queue.push(row(i));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(queue.snapshot().queued, 5, 'rows wait while Postgres is down');
    assert.ok(queue.snapshot().failedBatches >= 1);

    server = await startEmbeddedPostgres({ dataDir, port });
    await queue.flush(15_000);
    assert.equal(queue.snapshot().queued, 0);
    const stored = await prisma.requestLog.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' } });
    assert.equal(stored.length, 6);
    assert.ok(stored.every((r, i) => r.endUser === endUser && (r.tags as Record<string, string>).team === `t-${i} ✓`));
    queue.close();
  } finally {
    await pool.end();
    await prisma.$disconnect();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
