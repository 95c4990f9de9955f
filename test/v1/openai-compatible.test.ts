// An organisation's own OpenAI-compatible server (vLLM, Ollama, Groq…) reached as
// "openai-compatible/<its model id>", configured through the provider-credential REST API: a
// credential pointing at the simulator's OpenAI surface is added, its endpoint changed, its
// secret rotated and deleted, and every change reaches the running gateway at once (NOTIFY).
// The secret is stored encrypted and never comes back, in responses or audit events.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { PrismaClient } from '../../db/client.ts';
import { decryptSecret, parseMasterKey, toMasterKey } from '../../gateway/security/credential-cipher.ts';
import { api, harnessPrisma, harnessSecrets, userWithRole } from '../helpers/admin-api.ts';
import { harnessStack } from '../helpers/stack.ts';
import { closePool, gatewayClient, storedLog } from './helpers.ts';

const SECRET = 'self-hosted-key-0123456789';
let prisma: PrismaClient;
let db: pg.Client;

before(async () => {
  prisma = harnessPrisma();
  db = new pg.Client({ connectionString: harnessStack().databaseUrl });
  await db.connect();
});

after(async () => {
  await api('DELETE', '/orgs/demo/credentials/self-hosted');
  await db.end();
  await prisma.$disconnect();
  await closePool();
});

const ask = () => gatewayClient().chat.completions.create({ model: 'openai-compatible/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).withResponse();

/** The upstream failure kind the gateway reports for openai-compatible, or 'ok'. */
async function outcome(): Promise<string> {
  try {
    await ask();
    return 'ok';
  } catch (error) {
    assert.ok(error instanceof OpenAI.APIError && error.status === 502, String(error));
    return (error.error as { provider_error?: { kind: string } }).provider_error?.kind ?? 'unknown';
  }
}

test('openai-compatible/<model> needs a credential; one added, moved, rotated and deleted through the API takes effect at once', async () => {
  assert.equal(await outcome(), 'auth', 'no credential yet');

  const created = await api('POST', '/orgs/demo/credentials', { body: { name: 'self-hosted', kind: 'openai-compatible', baseUrl: `${harnessStack().simulatorUrl}/openai/v1/`, secret: SECRET } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.baseUrl, `${harnessStack().simulatorUrl}/openai/v1`, 'a trailing slash is dropped');
  assert.equal(created.body.inUse, true);
  assert.equal(created.body.secret, undefined);
  assert.ok(!JSON.stringify(created.body).includes(SECRET));

  // NOTIFY dropped the organisation's cached credentials: the very next request uses it.
  const { data, response } = await ask();
  assert.ok(data.choices[0]?.message.content);
  assert.equal(response.headers.get('x-switchyard-provider'), 'openai-compatible');
  const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
  assert.equal(log.provider, 'openai-compatible');

  // Stored encrypted under the master key, and it decrypts to what was sent.
  const { rows: [stored] } = await db.query<{ secret_ciphertext: Buffer; secret_iv: Buffer; secret_auth_tag: Buffer; secret_key_id: string }>(
    "SELECT secret_ciphertext, secret_iv, secret_auth_tag, secret_key_id FROM provider_credentials WHERE name = 'self-hosted'",
  );
  assert.ok(stored && !stored.secret_ciphertext.toString('utf8').includes(SECRET));
  const masterKey = toMasterKey(parseMasterKey(harnessSecrets().masterKey));
  const decrypt = (row: NonNullable<typeof stored>) => decryptSecret({ ciphertext: row.secret_ciphertext, iv: row.secret_iv, authTag: row.secret_auth_tag, keyId: row.secret_key_id }, [masterKey]);
  assert.equal(decrypt(stored), SECRET);

  const listed = await api('GET', '/orgs/demo/credentials');
  assert.equal(listed.status, 200);
  const entry = listed.body.credentials.find((c: { name: string }) => c.name === 'self-hosted');
  assert.equal(entry.kind, 'openai-compatible');
  assert.ok(listed.body.credentials.some((c: { name: string; inUse: boolean }) => c.name === 'openai' && c.inUse), 'the seeded credentials are listed too');
  assert.ok(!JSON.stringify(listed.body).includes(SECRET));

  // A new endpoint (nothing listens there) is used by the next request.
  const moved = await api('PATCH', '/orgs/demo/credentials/self-hosted', { body: { baseUrl: 'http://127.0.0.1:9/v1' } });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(await outcome(), 'network');
  assert.equal((await api('PATCH', '/orgs/demo/credentials/self-hosted', { body: { baseUrl: `${harnessStack().simulatorUrl}/openai/v1` } })).status, 200);
  assert.equal(await outcome(), 'ok');

  // Rotating the secret re-encrypts it; the endpoint stays.
  const rotated = await api('PATCH', '/orgs/demo/credentials/self-hosted', { body: { secret: 'rotated-key' } });
  assert.equal(rotated.status, 200);
  assert.equal(rotated.body.baseUrl, `${harnessStack().simulatorUrl}/openai/v1`);
  const { rows: [after] } = await db.query("SELECT secret_ciphertext, secret_iv, secret_auth_tag, secret_key_id FROM provider_credentials WHERE name = 'self-hosted'");
  assert.equal(decrypt(after), 'rotated-key');

  const deleted = await api('DELETE', '/orgs/demo/credentials/self-hosted');
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.deleted.name, 'self-hosted');
  assert.equal(await outcome(), 'auth', 'deleted: no credential again');
  assert.equal((await api('DELETE', '/orgs/demo/credentials/self-hosted')).status, 404);

  const events = await prisma.auditEvent.findMany({ where: { targetId: created.body.id }, orderBy: { createdAt: 'asc' } });
  assert.deepEqual(events.map((e) => e.action), ['credential.created', 'credential.updated', 'credential.updated', 'credential.updated', 'credential.deleted']);
  assert.ok(!JSON.stringify(events).includes(SECRET) && !JSON.stringify(events).includes('rotated-key'), 'no secret in the audit log');
  assert.equal((events[3]!.after as { secretChanged: boolean }).secretChanged, true);
});

test('credential input is validated, names are unique, and writing needs the admin role', async () => {
  const post = (body: object, token?: string) => api('POST', '/orgs/demo/credentials', { body, ...(token ? { token } : {}) });
  const field = (response: { body: { error?: { details?: Array<{ path: string }> } } }) => response.body.error?.details?.map((d) => d.path);

  const noUrl = await post({ name: 'no-url', kind: 'openai-compatible', secret: 'x' });
  assert.equal(noUrl.status, 400);
  assert.deepEqual(field(noUrl), ['baseUrl']);
  for (const baseUrl of ['ftp://example.com', 'not a url', 'https://user:pass@example.com/v1', 'https://example.com/v1?key=abc']) {
    const bad = await post({ name: 'bad-url', kind: 'openai', secret: 'x', baseUrl });
    assert.equal(bad.status, 400, baseUrl);
    assert.deepEqual(field(bad), ['baseUrl'], baseUrl);
  }
  assert.deepEqual(field(await post({ name: 'Bad Name', kind: 'openai', secret: 'x' })), ['name']);
  assert.deepEqual(field(await post({ name: 'k', kind: 'mistral', secret: 'x' })), ['kind']);
  assert.deepEqual(field(await post({ name: 'k', kind: 'openai', secret: '' })), ['secret']);
  assert.equal((await post({ name: 'openai', kind: 'openai', secret: 'x' })).status, 409, 'the seeded "openai" exists');
  assert.equal((await api('PATCH', '/orgs/demo/credentials/openai', { body: {} })).status, 400, 'nothing to change');
  assert.equal((await api('PATCH', '/orgs/demo/credentials/nope', { body: { secret: 'x' } })).status, 404);

  const demoOrg = await prisma.organization.findUniqueOrThrow({ where: { slug: 'demo' } });
  const developer = await userWithRole(prisma, 'developer', demoOrg.id);
  assert.equal((await api('GET', '/orgs/demo/credentials', { token: developer.token })).status, 200);
  assert.equal((await post({ name: 'dev-made', kind: 'openai', secret: 'x' }, developer.token)).status, 403);
  assert.equal((await api('DELETE', '/orgs/demo/credentials/openai', { token: developer.token })).status, 403);
  const outsider = await userWithRole(prisma, 'owner');
  assert.equal((await api('GET', '/orgs/demo/credentials', { token: outsider.token })).status, 404);
});
