// What the config operations return, and how rows become those shapes.
import { z } from 'zod';
import { StrategySpec } from '../../core/strategy.ts';
import type { PrismaClient } from '../../db/client.ts';
import { ApiError } from '../errors.ts';
import { iso, Timestamp } from './schemas.ts';

export const ConfigVersionView = z.object({
  id: z.uuid(),
  configId: z.uuid(),
  version: z.number().int(),
  spec: StrategySpec,
  /** The version this one was derived from (the active one when it was saved). */
  parentVersion: z.number().int().nullable(),
  message: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: Timestamp,
  active: z.boolean(),
});
export type ConfigVersionView = z.infer<typeof ConfigVersionView>;

export const ConfigView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  activeVersion: ConfigVersionView.nullable(),
  versionCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ConfigView = z.infer<typeof ConfigView>;

export const ConfigSummaryView = ConfigView.omit({ activeVersion: true }).extend({ activeVersion: z.number().int().nullable() });

const versionInclude = { parentVersion: { select: { number: true } } } as const;

type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

function findVersion(prisma: PrismaClient, where: { id: string } | { configId_number: { configId: string; number: number } }) {
  return prisma.configVersion.findUnique({ where, include: versionInclude });
}

export function toVersionView(row: VersionRow, activeVersionId: string | null): ConfigVersionView {
  return {
    id: row.id,
    configId: row.configId,
    version: row.number,
    spec: StrategySpec.parse(row.spec),
    parentVersion: row.parentVersion?.number ?? null,
    message: row.message,
    createdBy: row.createdById,
    createdAt: iso(row.createdAt),
    active: row.id === activeVersionId,
  };
}

export async function loadConfigView(prisma: PrismaClient, projectId: string, name: string): Promise<ConfigView> {
  const config = await prisma.routingConfig.findUnique({
    where: { projectId_name: { projectId, name } },
    include: { activeVersion: { include: versionInclude }, _count: { select: { versions: true } } },
  });
  if (!config) throw new ApiError(404, 'not_found', `No config named "${name}" in this project`);
  return {
    id: config.id,
    projectId: config.projectId,
    name: config.name,
    description: config.description,
    activeVersion: config.activeVersion ? toVersionView(config.activeVersion, config.activeVersionId) : null,
    versionCount: config._count.versions,
    createdAt: iso(config.createdAt),
    updatedAt: iso(config.updatedAt),
  };
}

export async function loadVersionView(prisma: PrismaClient, projectId: string, name: string, number: number): Promise<ConfigVersionView> {
  const config = await prisma.routingConfig.findUnique({ where: { projectId_name: { projectId, name } } });
  if (!config) throw new ApiError(404, 'not_found', `No config named "${name}" in this project`);
  const row = await findVersion(prisma, { configId_number: { configId: config.id, number } });
  if (!row) throw new ApiError(404, 'not_found', `Config "${name}" has no version ${number}`);
  return toVersionView(row, config.activeVersionId);
}

export async function listVersionViews(prisma: PrismaClient, projectId: string, name: string): Promise<ConfigVersionView[]> {
  const config = await prisma.routingConfig.findUnique({
    where: { projectId_name: { projectId, name } },
    include: { versions: { include: versionInclude, orderBy: { number: 'desc' } } },
  });
  if (!config) throw new ApiError(404, 'not_found', `No config named "${name}" in this project`);
  return config.versions.map((row) => toVersionView(row, config.activeVersionId));
}
