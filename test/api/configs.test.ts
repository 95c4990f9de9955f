// Routing configs through the REST API on the real stack: create, version, list, get, pinned
// versions, activate/rollback, audit events, and the error envelope for 400/401/403/404/409.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PrismaClient } from '../../db/client.ts';
import { api, harnessPrisma, uniqueName, userWithRole } from '../helpers/admin-api.ts';

let prisma: PrismaClient;
let demoOrgId: string;
before(async () => {
  prisma = harnessPrisma();
  demoOrgId = (await prisma.organization.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
});
after(() => prisma.$disconnect());

const single = (model: string) => ({ strategy: 'single', model, timeout_ms: 2000 });
const base = '/projects/demo/configs';

test('401 without a token or with a bad one', async () => {
  for (const token of [null, 'sy_admin_not-a-real-token-000000000000000', 'sy_live_wrong-kind-of-secret-0000000000']) {
    const response = await api('GET', base, { token });
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'unauthorized');
  }
});

test('the seed gave the demo project @production (fallback over three providers)', async () => {
  const response = await api('GET', `${base}/production`);
  assert.equal(response.status, 200);
  assert.equal(response.body.activeVersion.spec.strategy, 'fallback');
  assert.deepEqual(response.body.activeVersion.spec.attempts.map((a: { model: string }) => a.model), ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash']);
  assert.deepEqual(response.body.activeVersion.spec.retry_on, [429, '5xx', 'timeout']);
});

test('create, version, list, get, pin, activate and roll back a config', async () => {
  const name = uniqueName('cfg');
  const created = await api('POST', base, { body: { name, spec: single('gpt-4o-mini'), message: 'first' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.name, name);
  assert.equal(created.body.activeVersion.version, 1);
  assert.equal(created.body.activeVersion.parentVersion, null);
  assert.equal(created.body.activeVersion.message, 'first');
  assert.deepEqual(created.body.activeVersion.spec, single('gpt-4o-mini'));

  const v2 = await api('POST', `${base}/${name}/versions`, { body: { spec: { strategy: 'single', model: 'gpt-4o' }, message: 'bigger' } });
  assert.equal(v2.status, 201, JSON.stringify(v2.body));
  assert.equal(v2.body.version, 2);
  assert.equal(v2.body.parentVersion, 1);
  assert.equal(v2.body.active, true);
  assert.equal(v2.body.spec.timeout_ms, 30000, 'defaults are stored explicitly');

  const v3 = await api('POST', `${base}/${name}/versions`, { body: { spec: single('claude-haiku-4-5'), activate: false } });
  assert.equal(v3.status, 201);
  assert.equal(v3.body.version, 3);
  assert.equal(v3.body.parentVersion, 2);
  assert.equal(v3.body.active, false);

  const got = await api('GET', `${base}/${name}`);
  assert.equal(got.body.activeVersion.version, 2);
  assert.equal(got.body.versionCount, 3);

  const list = await api('GET', base);
  const summary = list.body.configs.find((c: { name: string }) => c.name === name);
  assert.equal(summary.activeVersion, 2);
  assert.ok(list.body.configs.some((c: { name: string }) => c.name === 'production'));

  const versions = await api('GET', `${base}/${name}/versions`);
  assert.deepEqual(versions.body.versions.map((v: { version: number }) => v.version), [3, 2, 1]);

  const pinned = await api('GET', `${base}/${name}/versions/1`);
  assert.equal(pinned.status, 200);
  assert.deepEqual(pinned.body.spec, single('gpt-4o-mini'));
  assert.equal(pinned.body.active, false);

  const rollback = await api('POST', `${base}/${name}/versions/1/activate`);
  assert.equal(rollback.status, 200);
  assert.equal(rollback.body.activeVersion.version, 1);
  assert.equal((await api('GET', `${base}/${name}`)).body.activeVersion.version, 1);

  const events = await prisma.auditEvent.findMany({ where: { targetId: created.body.id }, orderBy: { createdAt: 'asc' } });
  assert.deepEqual(events.map((e) => e.action), ['config.created', 'config.version_created', 'config.version_created', 'config.activated']);
  assert.ok(events.every((e) => e.orgId === demoOrgId && e.actorUserId && e.actor.startsWith('user:')));
  assert.deepEqual(events.at(-1)?.before, { name, version: 2 });
  assert.deepEqual(events.at(-1)?.after, { name, version: 1 });

  assert.equal((await api('GET', `${base}/${name}/versions/9`)).status, 404);
  assert.equal((await api('POST', `${base}/${name}/versions/9/activate`)).status, 404);
});

test('409 for a duplicate name', async () => {
  const name = uniqueName('dup');
  assert.equal((await api('POST', base, { body: { name, spec: single('gpt-4o-mini') } })).status, 201);
  const again = await api('POST', base, { body: { name, spec: single('gpt-4o') } });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'conflict');
});

test('400 with field paths for invalid names and specs', async () => {
  const badName = await api('POST', base, { body: { name: 'Bad Name', spec: single('gpt-4o-mini') } });
  assert.equal(badName.status, 400);
  assert.equal(badName.body.error.code, 'validation_error');
  assert.deepEqual(badName.body.error.details.map((d: { path: string }) => d.path), ['name']);

  const unknownKey = await api('POST', base, {
    body: { name: uniqueName('bad'), spec: { strategy: 'fallback', attempts: [{ model: 'gpt-4o-mini', timeout: 5 }] } },
  });
  assert.equal(unknownKey.status, 400);
  assert.deepEqual(unknownKey.body.error.details, [{ path: 'spec.attempts[0].timeout', message: 'unknown field "timeout"' }]);

  const unknownModel = await api('POST', base, { body: { name: uniqueName('bad'), spec: single('gpt-9') } });
  assert.equal(unknownModel.status, 400);
  assert.equal(unknownModel.body.error.details[0].path, 'spec.model');
  assert.match(unknownModel.body.error.details[0].message, /unknown model "gpt-9"/);

  const extraTopLevel = await api('POST', `${base}/production/versions`, { body: { spec: single('gpt-4o-mini'), activate: 'yes' } });
  assert.equal(extraTopLevel.status, 400);
  assert.deepEqual(extraTopLevel.body.error.details.map((d: { path: string }) => d.path), ['activate']);
});

test('roles: a viewer reads but cannot write (403); a non-member sees nothing (404)', async () => {
  const viewer = await userWithRole(prisma, 'viewer', demoOrgId);
  assert.equal((await api('GET', base, { token: viewer.token })).status, 200);
  const denied = await api('POST', base, { token: viewer.token, body: { name: uniqueName('nope'), spec: single('gpt-4o-mini') } });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error.code, 'forbidden');
  assert.equal((await api('POST', `${base}/production/versions/1/activate`, { token: viewer.token })).status, 403);

  const developer = await userWithRole(prisma, 'developer', demoOrgId);
  assert.equal((await api('POST', base, { token: developer.token, body: { name: uniqueName('dev'), spec: single('gpt-4o-mini') } })).status, 201);

  const outsider = await userWithRole(prisma, 'owner');
  const hidden = await api('GET', base, { token: outsider.token });
  assert.equal(hidden.status, 404);
  assert.equal(hidden.body.error.code, 'not_found');
});

test('unknown configs and projects are 404 in the envelope', async () => {
  const missing = await api('GET', `${base}/does-not-exist`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'not_found');
  assert.equal((await api('GET', '/projects/no-such-project/configs')).status, 404);
});
