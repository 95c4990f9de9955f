// API keys (secret shown once, revocation audited) and request logs through the REST API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { PrismaClient } from '../../db/client.ts';
import { api, harnessPrisma, userWithRole } from '../helpers/admin-api.ts';

let prisma: PrismaClient;
before(() => {
  prisma = harnessPrisma();
});
after(() => prisma.$disconnect());

test('create returns the secret once; list never does; revoke is audited and idempotent', async () => {
  const created = await api('POST', '/projects/demo/api-keys', { body: { name: 'ci key' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.match(created.body.secret, /^sy_live_[0-9A-Za-z]{32}$/);
  assert.equal(created.body.prefix, created.body.secret.slice(0, 12));

  const listed = await api('GET', '/projects/demo/api-keys');
  const entry = listed.body.apiKeys.find((k: { id: string }) => k.id === created.body.id);
  assert.ok(entry);
  assert.equal(entry.secret, undefined);
  assert.ok(!JSON.stringify(listed.body).includes(created.body.secret));

  const revoked = await api('POST', `/projects/demo/api-keys/${created.body.id}/revoke`);
  assert.equal(revoked.status, 200);
  assert.ok(revoked.body.revokedAt);
  assert.equal((await api('POST', `/projects/demo/api-keys/${created.body.id}/revoke`)).body.revokedAt, revoked.body.revokedAt);

  const events = await prisma.auditEvent.findMany({ where: { targetId: created.body.id }, orderBy: { createdAt: 'asc' } });
  assert.deepEqual(events.map((e) => e.action), ['api_key.created', 'api_key.revoked']);
  assert.equal((await api('POST', `/projects/demo/api-keys/${randomUUID()}/revoke`)).status, 404);
});

test('keys need the admin role to create and revoke', async () => {
  const demoOrg = await prisma.organization.findUniqueOrThrow({ where: { slug: 'demo' } });
  const developer = await userWithRole(prisma, 'developer', demoOrg.id);
  assert.equal((await api('GET', '/projects/demo/api-keys', { token: developer.token })).status, 200);
  assert.equal((await api('POST', '/projects/demo/api-keys', { token: developer.token, body: { name: 'x' } })).status, 403);
});

test('requests.get returns a log row with its trace to members of its organisation only', async () => {
  const project = await prisma.project.findFirstOrThrow({ where: { slug: 'demo', organization: { slug: 'demo' } } });
  const id = `req_test_${randomUUID()}`;
  const trace = { strategy: 'fallback', attempts: [{ model: 'gpt-4o-mini', outcome: 'success' }] };
  await prisma.requestLog.create({
    data: { id, projectId: project.id, requestedModel: '@production', provider: 'openai', model: 'gpt-4o-mini', status: 'success', httpStatus: 200, latencyMs: 42, inputTokens: 10, outputTokens: 5, costUsd: '0.000004500', trace },
  });
  const got = await api('GET', `/requests/${id}`);
  assert.equal(got.status, 200, JSON.stringify(got.body));
  assert.equal(got.body.requestedModel, '@production');
  assert.equal(got.body.costUsd, 0.0000045);
  assert.deepEqual(got.body.trace, trace);

  const outsider = await userWithRole(prisma, 'owner');
  assert.equal((await api('GET', `/requests/${id}`, { token: outsider.token })).status, 404);
  assert.equal((await api('GET', '/requests/req_does_not_exist')).status, 404);
});
