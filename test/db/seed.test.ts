import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { PrismaClient } from '../../db/client.ts';
import { seedDemo } from '../../db/seed.ts';
import { generateAdminToken, generateApiKey, hashSecret } from '../../gateway/security/api-keys.ts';
import { decryptSecret, encryptSecret } from '../../gateway/security/credential-cipher.ts';
import { fromSecretColumns, toSecretColumns } from '../../gateway/security/secret-columns.ts';
import { withDatabaseServer, type TestDatabaseServer } from '../helpers/database.ts';
import { migratedPrisma } from '../helpers/prisma.ts';

describe('seedDemo', () => {
  let server: TestDatabaseServer;
  let prisma: PrismaClient;
  const opts = {
    adminToken: generateAdminToken(),
    demoApiKey: generateApiKey(),
    pepper: randomBytes(32).toString('base64url'),
    masterKey: randomBytes(32),
    simulatorUrl: 'http://127.0.0.1:8089',
  };
  before(async () => {
    server = await withDatabaseServer();
    ({ prisma } = await migratedPrisma(server));
  });
  after(async () => {
    await prisma?.$disconnect();
    await server.close();
  });

  const counts = async () => ({
    orgs: await prisma.organization.count(),
    projects: await prisma.project.count(),
    users: await prisma.user.count(),
    memberships: await prisma.membership.count(),
    apiKeys: await prisma.apiKey.count(),
    adminTokens: await prisma.adminToken.count(),
    credentials: await prisma.providerCredential.count(),
    audit: await prisma.auditEvent.count(),
  });

  test('creates the demo data once, with secrets hashed or encrypted', async () => {
    const first = await seedDemo(prisma, opts);
    assert.equal(first.created, true);
    const project = await prisma.project.findUniqueOrThrow({ where: { id: first.projectId }, include: { organization: true } });
    assert.equal(project.slug, 'demo');
    assert.equal(project.organization.slug, 'demo');

    const key = await prisma.apiKey.findUniqueOrThrow({ where: { hash: hashSecret(opts.demoApiKey, opts.pepper) } });
    assert.equal(key.projectId, first.projectId);
    assert.ok(opts.demoApiKey.startsWith(key.prefix) && key.prefix.length < 16);
    const token = await prisma.adminToken.findUniqueOrThrow({ where: { hash: hashSecret(opts.adminToken, opts.pepper) }, include: { user: { include: { memberships: true } } } });
    assert.equal(token.user.memberships[0]?.role, 'owner');

    const credentials = await prisma.providerCredential.findMany({ where: { orgId: first.orgId }, orderBy: { name: 'asc' } });
    assert.deepEqual(
      credentials.map((c) => [c.kind, c.baseUrl]),
      [
        ['anthropic', 'http://127.0.0.1:8089/anthropic'],
        ['gemini', 'http://127.0.0.1:8089/gemini'],
        ['openai', 'http://127.0.0.1:8089/openai/v1'],
      ],
    );
    for (const c of credentials) {
      const secret = decryptSecret(fromSecretColumns(c), opts.masterKey);
      assert.equal(secret, `simulator-${c.kind}-key`);
    }
    const actions = (await prisma.auditEvent.findMany({ select: { action: true } })).map((e) => e.action).sort();
    assert.ok(actions.includes('api_key.created') && actions.includes('credential.created') && actions.includes('project.created'), actions.join());

    // Nothing stored in plain anywhere.
    const dump = JSON.stringify(await prisma.auditEvent.findMany()) + JSON.stringify(await prisma.apiKey.findMany()) + JSON.stringify(await prisma.adminToken.findMany());
    assert.ok(!dump.includes(opts.demoApiKey) && !dump.includes(opts.adminToken));
  });

  test('is idempotent', async () => {
    const before = await counts();
    const again = await seedDemo(prisma, opts);
    assert.equal(again.created, false);
    assert.deepEqual(await counts(), before);
    const concurrent = await Promise.all([seedDemo(prisma, opts), seedDemo(prisma, opts)]);
    assert.ok(concurrent.every((r) => !r.created));
    assert.deepEqual(await counts(), before);
  });

  test('adds new secrets and repoints credentials without duplicating the rest', async () => {
    const before = await counts();
    const changed = { ...opts, adminToken: generateAdminToken(), demoApiKey: generateApiKey(), simulatorUrl: 'http://127.0.0.1:9999/' };
    const result = await seedDemo(prisma, changed);
    assert.equal(result.created, true);
    const after = await counts();
    assert.equal(after.orgs, before.orgs);
    assert.equal(after.projects, before.projects);
    assert.equal(after.apiKeys, before.apiKeys + 1);
    assert.equal(after.adminTokens, before.adminTokens + 1);
    assert.equal(after.credentials, before.credentials);
    const openai = await prisma.providerCredential.findFirstOrThrow({ where: { name: 'openai' } });
    assert.equal(openai.baseUrl, 'http://127.0.0.1:9999/openai/v1');
  });

  test('leaves a credential alone once a user has given it a real key', async () => {
    await prisma.providerCredential.updateMany({ where: { name: 'anthropic' }, data: { baseUrl: null, ...toSecretColumns(encryptSecret('sk-real-key', opts.masterKey)) } });
    await seedDemo(prisma, { ...opts, simulatorUrl: 'http://127.0.0.1:7777' });
    const anthropic = await prisma.providerCredential.findFirstOrThrow({ where: { name: 'anthropic' } });
    assert.equal(anthropic.baseUrl, null, 'still the public endpoint');
    assert.equal(decryptSecret(fromSecretColumns(anthropic), [opts.masterKey]), 'sk-real-key');
    const gemini = await prisma.providerCredential.findFirstOrThrow({ where: { name: 'gemini' } });
    assert.equal(gemini.baseUrl, 'http://127.0.0.1:7777/gemini', 'the seed\'s own credentials still follow the simulator');
  });
});
