// Routing configs: named per project, versioned (immutable versions, an active pointer, parents
// for diffs), addressed by clients as "@name" (active) or "@name@3" (pinned).
import { z } from 'zod';
import { validateSpec, StrategySpec } from '../../core/strategy.ts';
import { activateConfigVersion, createConfig, createConfigVersion } from '../configs/config-writes.ts';
import { ApiError } from '../errors.ts';
import { ConfigSummaryView, ConfigVersionView, ConfigView, listVersionViews, loadConfigView, loadVersionView } from './config-views.ts';
import type { OperationContext } from './context.ts';
import { operation } from './operation.ts';
import { ConfigName, iso, ProjectParam, VersionParam } from './schemas.ts';

const Message = z.string().max(2000).optional().describe('Why this version exists (like a commit message)');

/** The spec passed the schema already; this adds the catalog check (organisation overrides may add models). */
function checkedSpec(spec: unknown, ctx: OperationContext): StrategySpec {
  const result = validateSpec(spec, ctx.services.catalog);
  if (!result.ok) {
    throw new ApiError(400, 'validation_error', 'Invalid routing config spec', result.errors.map((e) => ({ ...e, path: `spec.${e.path}` })));
  }
  return result.spec;
}

export const listConfigs = operation({
  id: 'configs.list',
  method: 'GET',
  path: '/projects/{project}/configs',
  summary: 'List the routing configs of a project',
  role: 'viewer',
  input: z.object({ project: ProjectParam }),
  output: z.object({ configs: z.array(ConfigSummaryView) }),
  handler: async (_input, ctx) => {
    const rows = await ctx.prisma.routingConfig.findMany({
      where: { projectId: ctx.project.id },
      include: { activeVersion: { select: { number: true } }, _count: { select: { versions: true } } },
      orderBy: { name: 'asc' },
    });
    return {
      configs: rows.map((row) => ({
        id: row.id,
        projectId: row.projectId,
        name: row.name,
        description: row.description,
        activeVersion: row.activeVersion?.number ?? null,
        versionCount: row._count.versions,
        createdAt: iso(row.createdAt),
        updatedAt: iso(row.updatedAt),
      })),
    };
  },
});

export const getConfig = operation({
  id: 'configs.get',
  method: 'GET',
  path: '/projects/{project}/configs/{name}',
  summary: 'Get a routing config with its active version',
  role: 'viewer',
  input: z.object({ project: ProjectParam, name: ConfigName }),
  output: ConfigView,
  handler: (input, ctx) => loadConfigView(ctx.prisma, ctx.project.id, input.name),
});

export const createConfigOperation = operation({
  id: 'configs.create',
  method: 'POST',
  path: '/projects/{project}/configs',
  summary: 'Create a routing config; its first version becomes active',
  role: 'developer',
  input: z.object({
    project: ProjectParam,
    name: ConfigName,
    description: z.string().max(500).optional(),
    spec: StrategySpec,
    message: Message,
  }),
  output: ConfigView,
  successStatus: 201,
  handler: async (input, ctx) => {
    const spec = checkedSpec(input.spec, ctx);
    await ctx.prisma.$transaction((tx) => createConfig(tx, ctx.project, { name: input.name, description: input.description ?? null, spec, message: input.message ?? null }, ctx.caller));
    return loadConfigView(ctx.prisma, ctx.project.id, input.name);
  },
});

export const createConfigVersionOperation = operation({
  id: 'configs.createVersion',
  method: 'POST',
  path: '/projects/{project}/configs/{name}/versions',
  summary: 'Save a new immutable version of a routing config',
  description: 'The new version records the active version as its parent. With activate (default true) it becomes active at once.',
  role: 'developer',
  input: z.object({ project: ProjectParam, name: ConfigName, spec: StrategySpec, message: Message, activate: z.boolean().default(true) }),
  output: ConfigVersionView,
  successStatus: 201,
  handler: async (input, ctx) => {
    const spec = checkedSpec(input.spec, ctx);
    const created = await ctx.prisma.$transaction((tx) =>
      createConfigVersion(tx, ctx.project, input.name, { spec, message: input.message ?? null, activate: input.activate }, ctx.caller),
    );
    return loadVersionView(ctx.prisma, ctx.project.id, input.name, created.number);
  },
});

export const listConfigVersions = operation({
  id: 'configs.listVersions',
  method: 'GET',
  path: '/projects/{project}/configs/{name}/versions',
  summary: 'List the versions of a routing config, newest first',
  role: 'viewer',
  input: z.object({ project: ProjectParam, name: ConfigName }),
  output: z.object({ versions: z.array(ConfigVersionView) }),
  handler: async (input, ctx) => ({ versions: await listVersionViews(ctx.prisma, ctx.project.id, input.name) }),
});

export const getConfigVersion = operation({
  id: 'configs.getVersion',
  method: 'GET',
  path: '/projects/{project}/configs/{name}/versions/{version}',
  summary: 'Get one version of a routing config',
  role: 'viewer',
  input: z.object({ project: ProjectParam, name: ConfigName, version: VersionParam }),
  output: ConfigVersionView,
  handler: (input, ctx) => loadVersionView(ctx.prisma, ctx.project.id, input.name, input.version),
});

export const activateConfigVersionOperation = operation({
  id: 'configs.activate',
  method: 'POST',
  path: '/projects/{project}/configs/{name}/versions/{version}/activate',
  summary: 'Make a version the active one (promotion or rollback)',
  role: 'developer',
  input: z.object({ project: ProjectParam, name: ConfigName, version: VersionParam }),
  output: ConfigView,
  handler: async (input, ctx) => {
    await ctx.prisma.$transaction((tx) => activateConfigVersion(tx, ctx.project, input.name, input.version, ctx.caller));
    return loadConfigView(ctx.prisma, ctx.project.id, input.name);
  },
});

export const configOperations = [
  listConfigs,
  getConfig,
  createConfigOperation,
  createConfigVersionOperation,
  listConfigVersions,
  getConfigVersion,
  activateConfigVersionOperation,
];
