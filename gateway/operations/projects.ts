// Project settings: how much of each request the request log keeps (off / metadata / full).
// A change reaches every gateway's settings cache via NOTIFY.
import { z } from 'zod';
import { notifySettingsChanged, writeAuditEvent } from '../audit.ts';
import { operation } from './operation.ts';
import { iso, ProjectParam, Timestamp } from './schemas.ts';

const LogBodies = z.enum(['off', 'metadata', 'full']).describe('off: nothing; metadata: sizes, roles and parameters, no content; full: the request and response bodies');

export const ProjectView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  logBodies: LogBodies,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

type ProjectRow = { id: string; orgId: string; slug: string; name: string; logBodies: z.infer<typeof LogBodies>; createdAt: Date; updatedAt: Date };
const toView = (row: ProjectRow): z.infer<typeof ProjectView> => ({ ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) });

export const getProject = operation({
  id: 'projects.get',
  method: 'GET',
  path: '/projects/{project}',
  summary: 'Get a project and its settings',
  role: 'viewer',
  input: z.object({ project: ProjectParam }),
  output: ProjectView,
  handler: async (_input, ctx) => toView(await ctx.prisma.project.findUniqueOrThrow({ where: { id: ctx.project.id } })),
});

export const updateProject = operation({
  id: 'projects.update',
  method: 'PATCH',
  path: '/projects/{project}',
  summary: 'Change project settings',
  role: 'admin',
  input: z.object({ project: ProjectParam, name: z.string().min(1).max(200).optional(), logBodies: LogBodies.optional() }),
  output: ProjectView,
  handler: async (input, ctx) => {
    const row = await ctx.prisma.$transaction(async (tx) => {
      const before = await tx.project.findUniqueOrThrow({ where: { id: ctx.project.id } });
      const after = await tx.project.update({
        where: { id: ctx.project.id },
        data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.logBodies !== undefined ? { logBodies: input.logBodies } : {}) },
      });
      await writeAuditEvent(tx, ctx.caller, {
        orgId: after.orgId,
        projectId: after.id,
        action: 'project.updated',
        targetType: 'project',
        targetId: after.id,
        before: { name: before.name, logBodies: before.logBodies },
        after: { name: after.name, logBodies: after.logBodies },
      });
      await notifySettingsChanged(tx, { orgId: after.orgId, projectId: after.id });
      return after;
    });
    return toView(row);
  },
});

export const projectOperations = [getProject, updateProject];
