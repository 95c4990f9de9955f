// Every change to routing configs goes through here (REST operations and the demo seed alike):
// versions are immutable and numbered per config, the active pointer moves explicitly, and each
// change writes an audit event and a cache-invalidation NOTIFY in the caller's transaction.
import type { Prisma } from '../../db/client.ts';
import type { StrategySpec } from '../../core/strategy.ts';
import { notifyConfigChanged, writeAuditEvent, type Actor, type Tx } from '../audit.ts';
import { ApiError } from '../errors.ts';
import { checkConfigReferences } from './config-references.ts';

export interface ProjectRef {
  id: string;
  orgId: string;
}

export interface NewConfig {
  name: string;
  description?: string | null;
  /** Already validated (validateSpec) and normalised: defaults explicit. */
  spec: StrategySpec;
  message?: string | null;
}

const asJson = (spec: StrategySpec) => spec as unknown as Prisma.InputJsonValue;

export async function createConfig(tx: Tx, project: ProjectRef, input: NewConfig, actor: Actor) {
  const existing = await tx.routingConfig.findUnique({ where: { projectId_name: { projectId: project.id, name: input.name } } });
  if (existing) throw new ApiError(409, 'conflict', `A config named "${input.name}" already exists in this project`);
  await checkConfigReferences(tx, project.id, input.name, input.spec);
  const config = await tx.routingConfig.create({ data: { projectId: project.id, name: input.name, description: input.description ?? null } });
  const version = await tx.configVersion.create({
    data: { configId: config.id, number: 1, spec: asJson(input.spec), message: input.message ?? null, createdById: actor.userId },
  });
  await tx.routingConfig.update({ where: { id: config.id }, data: { activeVersionId: version.id } });
  await writeAuditEvent(tx, actor, {
    orgId: project.orgId,
    projectId: project.id,
    action: 'config.created',
    targetType: 'routing_config',
    targetId: config.id,
    after: { name: config.name, version: 1, spec: asJson(input.spec) },
  });
  await notifyConfigChanged(tx, { projectId: project.id, name: config.name });
  return { configId: config.id, versionId: version.id };
}

export interface NewVersion {
  spec: StrategySpec;
  message?: string | null;
  activate: boolean;
}

export async function createConfigVersion(tx: Tx, project: ProjectRef, configName: string, input: NewVersion, actor: Actor) {
  const config = await lockConfig(tx, project.id, configName);
  await checkConfigReferences(tx, project.id, configName, input.spec);
  const last = await tx.configVersion.findFirst({ where: { configId: config.id }, orderBy: { number: 'desc' }, select: { number: true } });
  const number = (last?.number ?? 0) + 1;
  const version = await tx.configVersion.create({
    data: {
      configId: config.id,
      number,
      spec: asJson(input.spec),
      message: input.message ?? null,
      parentVersionId: config.activeVersionId,
      createdById: actor.userId,
    },
  });
  if (input.activate) await tx.routingConfig.update({ where: { id: config.id }, data: { activeVersionId: version.id } });
  await writeAuditEvent(tx, actor, {
    orgId: project.orgId,
    projectId: project.id,
    action: 'config.version_created',
    targetType: 'routing_config',
    targetId: config.id,
    after: { name: config.name, version: number, activated: input.activate, spec: asJson(input.spec) },
  });
  if (input.activate) await notifyConfigChanged(tx, { projectId: project.id, name: config.name });
  return { configId: config.id, versionId: version.id, number };
}

/** Points "@name" at an existing version: promotion and rollback are the same operation. */
export async function activateConfigVersion(tx: Tx, project: ProjectRef, configName: string, number: number, actor: Actor) {
  const config = await lockConfig(tx, project.id, configName);
  const version = await tx.configVersion.findUnique({ where: { configId_number: { configId: config.id, number } } });
  if (!version) throw new ApiError(404, 'not_found', `Config "${configName}" has no version ${number}`);
  // An older A/B version may point at configs that now lead back here.
  await checkConfigReferences(tx, project.id, configName, version.spec as unknown as StrategySpec);
  const previous = config.activeVersionId
    ? await tx.configVersion.findUnique({ where: { id: config.activeVersionId }, select: { number: true } })
    : null;
  if (config.activeVersionId !== version.id) {
    await tx.routingConfig.update({ where: { id: config.id }, data: { activeVersionId: version.id } });
    await writeAuditEvent(tx, actor, {
      orgId: project.orgId,
      projectId: project.id,
      action: 'config.activated',
      targetType: 'routing_config',
      targetId: config.id,
      before: { name: config.name, version: previous?.number ?? null },
      after: { name: config.name, version: number },
    });
    await notifyConfigChanged(tx, { projectId: project.id, name: config.name });
  }
  return { configId: config.id, versionId: version.id };
}

/** Row lock on the config: concurrent version saves get consecutive numbers, not a unique violation. */
async function lockConfig(tx: Tx, projectId: string, name: string) {
  const rows = await tx.$queryRaw<Array<{ id: string; name: string; active_version_id: string | null }>>`
    SELECT id, name, active_version_id FROM routing_configs WHERE project_id = ${projectId}::uuid AND name = ${name} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new ApiError(404, 'not_found', `No config named "${name}" in this project`);
  return { id: row.id, name: row.name, activeVersionId: row.active_version_id };
}
