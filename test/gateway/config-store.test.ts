// ConfigStore on the harness database: resolves from memory after the first load, and a change
// made anywhere is seen by every instance within a second (LISTEN/NOTIFY), even across a
// dropped listener connection.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PrismaClient } from '../../db/client.ts';
import { defaultCatalog } from '../../core/catalog.ts';
import { validateSpec, type StrategySpec } from '../../core/strategy.ts';
import { activateConfigVersion, createConfig, createConfigVersion } from '../../gateway/configs/config-writes.ts';
import { ConfigStore } from '../../gateway/config-store.ts';
import type { PgListener } from '../../gateway/pg-listener.ts';
import { harnessPrisma, uniqueName } from '../helpers/admin-api.ts';
import { countingSql, eventually, startListener } from '../helpers/change-listeners.ts';

let prisma: PrismaClient;
let project: { id: string; orgId: string };
const listeners: PgListener[] = [];
const pools: Array<{ end: () => Promise<void> }> = [];
const actor = { label: 'system:test', userId: null };

before(async () => {
  prisma = harnessPrisma();
  const org = await prisma.organization.create({ data: { slug: uniqueName('store-org'), name: 'Config store test' } });
  project = await prisma.project.create({ data: { orgId: org.id, slug: 'store', name: 'Config store test' } });
});
after(async () => {
  for (const listener of listeners) await listener.close();
  for (const pool of pools) await pool.end();
  await prisma.$disconnect();
});

async function newStore(label: string) {
  const listener = await startListener(label);
  listeners.push(listener);
  const counting = countingSql();
  pools.push(counting);
  return { store: new ConfigStore({ db: counting.client, listener }), queries: counting.count, listener };
}

function spec(model: string): StrategySpec {
  const result = validateSpec({ strategy: 'single', model }, defaultCatalog);
  assert.ok(result.ok);
  return result.spec;
}

test('resolves active and pinned versions, and serves repeats from memory', async () => {
  const { store, queries } = await newStore('store-cache');
  const name = uniqueName('cached');
  await prisma.$transaction((tx) => createConfig(tx, project, { name, spec: spec('gpt-4o-mini') }, actor));
  await prisma.$transaction((tx) => createConfigVersion(tx, project, name, { spec: spec('gpt-4o'), activate: false }, actor));
  // Let the creation's NOTIFY arrive first: a load overlapping a notification is (rightly) not cached.
  await new Promise((resolve) => setTimeout(resolve, 150));

  const first = await store.resolve(project.id, name);
  assert.equal(first?.version, 1);
  assert.deepEqual(first?.spec, spec('gpt-4o-mini'));
  assert.equal((await store.resolve(project.id, name, 2))?.spec.strategy, 'single');
  assert.equal(await store.resolve(project.id, name, 7), undefined);
  assert.equal(await store.resolve(project.id, uniqueName('absent')), undefined);
  const afterLoads = queries();
  assert.equal(afterLoads, 4);

  for (let i = 0; i < 100; i++) {
    assert.equal((await store.resolve(project.id, name))?.version, 1);
    assert.equal((await store.resolve(project.id, name, 2))?.version, 2);
  }
  assert.equal(queries(), afterLoads, 'cached resolves issue no query');
});

test('a change through one instance is seen by another within a second', async () => {
  const a = await newStore('store-a');
  const b = await newStore('store-b');
  const name = uniqueName('shared');
  // Both instances cache "not found" first: creation must invalidate that too.
  assert.equal(await a.store.resolve(project.id, name), undefined);
  assert.equal(await b.store.resolve(project.id, name), undefined);

  await prisma.$transaction((tx) => createConfig(tx, project, { name, spec: spec('gpt-4o-mini') }, actor));
  for (const { store } of [a, b]) await eventually(async () => (await store.resolve(project.id, name))?.version === 1, 1000, 'creation');

  await prisma.$transaction((tx) => createConfigVersion(tx, project, name, { spec: spec('claude-haiku-4-5'), activate: true }, actor));
  for (const { store } of [a, b]) await eventually(async () => (await store.resolve(project.id, name))?.version === 2, 1000, 'new version');
  assert.deepEqual((await b.store.resolve(project.id, name))?.spec, spec('claude-haiku-4-5'));

  await prisma.$transaction((tx) => activateConfigVersion(tx, project, name, 1, actor));
  for (const { store } of [a, b]) await eventually(async () => (await store.resolve(project.id, name))?.version === 1, 1000, 'rollback');
});

test('a rolled-back transaction announces nothing', async () => {
  const { store } = await newStore('store-rollback');
  const name = uniqueName('rolled');
  await prisma.$transaction((tx) => createConfig(tx, project, { name, spec: spec('gpt-4o-mini') }, actor));
  assert.equal((await store.resolve(project.id, name))?.version, 1);
  await assert.rejects(
    prisma.$transaction(async (tx) => {
      await createConfigVersion(tx, project, name, { spec: spec('gpt-4o'), activate: true }, actor);
      throw new Error('abort');
    }),
    /abort/,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal((await store.resolve(project.id, name))?.version, 1);
});

test('after the listener connection drops, the cache is bypassed, then dropped on reconnect', async () => {
  const { store, listener, queries } = await newStore('store-reconnect');
  const name = uniqueName('reconnect');
  await prisma.$transaction((tx) => createConfig(tx, project, { name, spec: spec('gpt-4o-mini') }, actor));
  // The creation's own NOTIFY may arrive after a first load started, which then is not cached.
  await eventually(async () => (await store.resolve(project.id, name)) !== undefined && store.size === 1, 1000, 'cached');

  const before = queries();
  // Kill the listener's connection server-side (startListener names it "store-reconnect-<random>").
  await prisma.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'store-reconnect-%'`;
  await eventually(async () => !listener.listening, 1000, 'listener notices the loss');
  assert.equal(store.size, 0, 'cache dropped when notifications may be missed');
  // A change while disconnected is still seen (reads go to the database meanwhile).
  await prisma.$transaction((tx) => createConfigVersion(tx, project, name, { spec: spec('gpt-4o'), activate: true }, actor));
  assert.equal((await store.resolve(project.id, name))?.version, 2);
  assert.ok(queries() > before);
  await eventually(async () => listener.listening, 2000, 'listener reconnects');
  assert.equal((await store.resolve(project.id, name))?.version, 2);
  const cachedAgain = queries();
  await store.resolve(project.id, name);
  assert.equal(queries(), cachedAgain, 'cached again once listening');
});
