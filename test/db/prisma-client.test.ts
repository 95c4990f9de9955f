import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PrismaClient } from '../../db/client.ts';
import { withDatabaseServer, type TestDatabaseServer } from '../helpers/database.ts';
import { migratedPrisma } from '../helpers/prisma.ts';

describe('Prisma client over the migrated schema', () => {
  let server: TestDatabaseServer;
  let prisma: PrismaClient;
  before(async () => {
    server = await withDatabaseServer();
    ({ prisma } = await migratedPrisma(server));
  });
  after(async () => {
    await prisma?.$disconnect();
    await server.close();
  });

  test('writes and reads an organisation, project, config and versions', async () => {
    const org = await prisma.organization.create({ data: { slug: 'acme', name: 'Acme' } });
    const project = await prisma.project.create({ data: { orgId: org.id, slug: 'web', name: 'Web' } });
    const config = await prisma.routingConfig.create({ data: { projectId: project.id, name: 'production' } });
    const v1 = await prisma.configVersion.create({ data: { configId: config.id, number: 1, spec: { strategy: 'single', model: 'gpt-4o-mini' }, message: 'first' } });
    const v2 = await prisma.configVersion.create({
      data: { configId: config.id, number: 2, spec: { strategy: 'fallback', models: ['a', 'b'] }, parentVersionId: v1.id },
    });
    await prisma.routingConfig.update({ where: { id: config.id }, data: { activeVersionId: v2.id } });

    const read = await prisma.routingConfig.findUnique({
      where: { projectId_name: { projectId: project.id, name: 'production' } },
      include: { activeVersion: { include: { parentVersion: true } }, project: { include: { organization: true } } },
    });
    assert.equal(read?.project.organization.slug, 'acme');
    assert.equal(read?.activeVersion?.number, 2);
    assert.deepEqual(read?.activeVersion?.spec, { strategy: 'fallback', models: ['a', 'b'] });
    assert.equal(read?.activeVersion?.parentVersion?.id, v1.id);
    assert.ok(read?.createdAt instanceof Date);
    assert.match(org.id, /^[0-9a-f-]{36}$/, 'ids come from gen_random_uuid()');

    await assert.rejects(prisma.configVersion.create({ data: { configId: config.id, number: 2, spec: {} } }), /Unique constraint/);
    await assert.rejects(prisma.project.create({ data: { orgId: org.id, slug: 'web', name: 'Again' } }), /Unique constraint/);
  });

  test('stores a request log with decimal cost and JSON trace', async () => {
    const org = await prisma.organization.create({ data: { slug: 'logs', name: 'Logs' } });
    const project = await prisma.project.create({ data: { orgId: org.id, slug: 'p', name: 'P' } });
    await prisma.requestLog.create({
      data: {
        id: 'req_123',
        projectId: project.id,
        requestedModel: '@production',
        provider: 'openai',
        model: 'gpt-4o-mini',
        status: 'success',
        httpStatus: 200,
        inputTokens: 12,
        outputTokens: 34,
        costUsd: '0.000012345',
        latencyMs: 250,
        ttftMs: 80,
        stream: true,
        tags: { team: 'search' },
        trace: { attempts: [{ model: 'gpt-4o-mini', outcome: 'ok' }] },
      },
    });
    const log = await prisma.requestLog.findUniqueOrThrow({ where: { id: 'req_123' } });
    assert.equal(log.costUsd.toString(), '0.000012345');
    assert.deepEqual(log.tags, { team: 'search' });
    assert.equal(log.cachedTokens, 0);
    const listed = await prisma.requestLog.findMany({ where: { projectId: project.id }, orderBy: { createdAt: 'desc' }, take: 10 });
    assert.equal(listed.length, 1);
  });

  test('deleting an organisation cascades through projects, configs, versions and logs', async () => {
    const org = await prisma.organization.create({ data: { slug: 'gone', name: 'Gone' } });
    const project = await prisma.project.create({ data: { orgId: org.id, slug: 'p', name: 'P' } });
    const config = await prisma.routingConfig.create({ data: { projectId: project.id, name: 'c' } });
    const version = await prisma.configVersion.create({ data: { configId: config.id, number: 1, spec: {} } });
    await prisma.routingConfig.update({ where: { id: config.id }, data: { activeVersionId: version.id } });
    await prisma.requestLog.create({
      data: { id: 'req_gone', projectId: project.id, configId: config.id, configVersionId: version.id, requestedModel: '@c', status: 'error', httpStatus: 502, latencyMs: 5 },
    });
    await prisma.auditEvent.create({ data: { orgId: org.id, projectId: project.id, actor: 'test', action: 'x', targetType: 'project' } });

    await prisma.organization.delete({ where: { id: org.id } });
    assert.equal(await prisma.project.count({ where: { orgId: org.id } }), 0);
    assert.equal(await prisma.configVersion.count({ where: { id: version.id } }), 0);
    assert.equal(await prisma.requestLog.count({ where: { id: 'req_gone' } }), 0);
    assert.equal(await prisma.auditEvent.count({ where: { orgId: org.id } }), 0);
  });

  test('deleting a config keeps its request logs but unlinks them', async () => {
    const org = await prisma.organization.create({ data: { slug: 'keep', name: 'Keep' } });
    const project = await prisma.project.create({ data: { orgId: org.id, slug: 'p', name: 'P' } });
    const config = await prisma.routingConfig.create({ data: { projectId: project.id, name: 'c' } });
    const version = await prisma.configVersion.create({ data: { configId: config.id, number: 1, spec: {} } });
    await prisma.routingConfig.update({ where: { id: config.id }, data: { activeVersionId: version.id } });
    await prisma.requestLog.create({
      data: { id: 'req_keep', projectId: project.id, configId: config.id, configVersionId: version.id, requestedModel: '@c', status: 'success', httpStatus: 200, latencyMs: 5 },
    });
    await prisma.routingConfig.delete({ where: { id: config.id } });
    const log = await prisma.requestLog.findUniqueOrThrow({ where: { id: 'req_keep' } });
    assert.equal(log.configId, null);
    assert.equal(log.configVersionId, null);
  });
});
