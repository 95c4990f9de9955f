// KeyCache on the harness stack: verification from memory, revocation through the REST API seen
// by a second instance within a second, expiry, the pepper, negative caching, last_used_at.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PrismaClient } from '../../db/client.ts';
import type { PgListener } from '../../gateway/pg-listener.ts';
import { displayPrefix, generateApiKey, hashSecret } from '../../gateway/security/api-keys.ts';
import { KeyCache } from '../../gateway/security/key-cache.ts';
import { api, harnessPepper, harnessPrisma } from '../helpers/admin-api.ts';
import { countingSql, eventually, startListener } from '../helpers/change-listeners.ts';

let prisma: PrismaClient;
let demo: { id: string; orgId: string };
const listeners: PgListener[] = [];
const pools: Array<{ end: () => Promise<void> }> = [];

before(async () => {
  prisma = harnessPrisma();
  demo = await prisma.project.findFirstOrThrow({ where: { slug: 'demo', organization: { slug: 'demo' } }, select: { id: true, orgId: true } });
});
after(async () => {
  for (const listener of listeners) await listener.close();
  for (const pool of pools) await pool.end();
  await prisma.$disconnect();
});

async function newCache(label: string, options: { pepper?: string; now?: () => number } = {}) {
  const listener = await startListener(label);
  listeners.push(listener);
  const counting = countingSql();
  pools.push(counting);
  const cache = new KeyCache({ db: counting.client, listener, pepper: options.pepper ?? harnessPepper(), ...(options.now ? { now: options.now } : {}) });
  return { cache, queries: counting.count };
}

async function createKey(name: string): Promise<{ id: string; secret: string }> {
  const created = await api('POST', '/projects/demo/api-keys', { body: { name } });
  assert.equal(created.status, 201);
  return created.body;
}

test('verifies a key once against the database, then from memory', async () => {
  const { cache, queries } = await newCache('keys-verify');
  const key = await createKey('verify');
  assert.deepEqual(await cache.verify(key.secret), { keyId: key.id, projectId: demo.id, orgId: demo.orgId, projectSlug: 'demo' });
  const loaded = queries();
  for (let i = 0; i < 50; i++) assert.equal((await cache.verify(key.secret))?.keyId, key.id);
  assert.equal(queries(), loaded);
  assert.equal(await cache.verify('not a key'), undefined);
  assert.equal(queries(), loaded, 'secrets that are not API keys never reach the database');
});

test('revocation reaches a second instance within a second', async () => {
  const a = await newCache('keys-a');
  const b = await newCache('keys-b');
  const key = await createKey('revoke');
  assert.ok(await a.cache.verify(key.secret));
  assert.ok(await b.cache.verify(key.secret));
  assert.equal((await api('POST', `/projects/demo/api-keys/${key.id}/revoke`)).status, 200);
  for (const { cache } of [a, b]) {
    const ms = await eventually(async () => (await cache.verify(key.secret)) === undefined, 1000, 'revocation');
    assert.ok(ms < 1000);
  }
});

test('expired keys are rejected, including a cached key that expires later', async () => {
  let clock = Date.now();
  const { cache } = await newCache('keys-expiry', { now: () => clock });
  const expired = generateApiKey();
  const pepper = harnessPepper();
  await prisma.apiKey.create({ data: { projectId: demo.id, name: 'expired', prefix: displayPrefix(expired), hash: hashSecret(expired, pepper), expiresAt: new Date(Date.now() - 1000) } });
  assert.equal(await cache.verify(expired), undefined);

  const soon = generateApiKey();
  await prisma.apiKey.create({ data: { projectId: demo.id, name: 'soon', prefix: displayPrefix(soon), hash: hashSecret(soon, pepper), expiresAt: new Date(clock + 60_000) } });
  assert.ok(await cache.verify(soon));
  clock += 61_000;
  assert.equal(await cache.verify(soon), undefined);
});

test('a different pepper rejects the key', async () => {
  const { cache } = await newCache('keys-pepper', { pepper: 'another-pepper-that-is-at-least-32-characters' });
  const key = await createKey('pepper');
  assert.equal(await cache.verify(key.secret), undefined);
});

test('unknown secrets are cached briefly', async () => {
  let clock = Date.now();
  const { cache, queries } = await newCache('keys-negative', { now: () => clock });
  const unknown = generateApiKey();
  assert.equal(await cache.verify(unknown), undefined);
  const once = queries();
  assert.equal(await cache.verify(unknown), undefined);
  assert.equal(queries(), once);
  clock += 6_000;
  assert.equal(await cache.verify(unknown), undefined);
  assert.equal(queries(), once + 1, 'the negative entry lapsed');
});

test('last_used_at is written in the background, at most once a minute per key', async () => {
  let clock = Date.now();
  const { cache } = await newCache('keys-touch', { now: () => clock });
  const key = await createKey('touch');
  await cache.verify(key.secret);
  await cache.flush();
  const first = (await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
  assert.ok(first);
  clock += 10_000;
  await cache.verify(key.secret);
  await cache.flush();
  assert.deepEqual((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt, first, 'no second write within the minute');
  clock += 60_000;
  await cache.verify(key.secret);
  await eventually(async () => (await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt! > first, 3000, 'background write');
});

test('a key seen before skips the HMAC; a secret sharing its first characters does not', async () => {
  const listener = await startListener('keys-hmac');
  listeners.push(listener);
  const counting = countingSql();
  pools.push(counting);
  let hmacs = 0;
  const cache = new KeyCache({
    db: counting.client, listener, pepper: harnessPepper(),
    hash: (secret, pepper) => {
      hmacs++;
      return hashSecret(secret, pepper);
    },
  });
  const key = await createKey('hmac-once');
  assert.equal((await cache.verify(key.secret))?.keyId, key.id);
  assert.equal(hmacs, 1);
  for (let i = 0; i < 20; i++) assert.equal((await cache.verify(key.secret))?.keyId, key.id);
  assert.equal(hmacs, 1, 'repeat verifications compare against the remembered secret instead');

  // Same first 20 characters, different tail (and one character short): both go through the HMAC and fail.
  const lastChar = key.secret.at(-1) === 'a' ? 'b' : 'a';
  assert.equal(await cache.verify(key.secret.slice(0, -1) + lastChar), undefined);
  assert.equal(await cache.verify(key.secret.slice(0, -1)), undefined);
  assert.equal(hmacs, 3);

  // Revocation drops the remembered secret too: the next call hashes again and is refused.
  assert.equal((await api('POST', `/projects/demo/api-keys/${key.id}/revoke`)).status, 200);
  await eventually(async () => (await cache.verify(key.secret)) === undefined, 1000, 'revocation');
  const before = hmacs;
  assert.equal(await cache.verify(key.secret), undefined);
  assert.equal(hmacs, before + 1);
});
