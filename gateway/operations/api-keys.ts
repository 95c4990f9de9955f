// Project API keys for the OpenAI-compatible endpoint. The secret is returned once, by create;
// only its peppered HMAC is stored. Revocation reaches every gateway's key cache via NOTIFY.
import { z } from 'zod';
import { notifyApiKeyChanged, writeAuditEvent } from '../audit.ts';
import { ApiError } from '../errors.ts';
import { displayPrefix, generateApiKey, hashSecret } from '../security/api-keys.ts';
import { operation } from './operation.ts';
import { iso, isoOrNull, ProjectParam, Timestamp } from './schemas.ts';

export const ApiKeyView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, for recognising it'),
  createdBy: z.uuid().nullable(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});

type KeyRow = { id: string; projectId: string; name: string; prefix: string; createdById: string | null; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null; createdAt: Date };

const toView = (row: KeyRow): z.infer<typeof ApiKeyView> => ({
  id: row.id,
  projectId: row.projectId,
  name: row.name,
  prefix: row.prefix,
  createdBy: row.createdById,
  expiresAt: isoOrNull(row.expiresAt),
  revokedAt: isoOrNull(row.revokedAt),
  lastUsedAt: isoOrNull(row.lastUsedAt),
  createdAt: iso(row.createdAt),
});

export const createApiKey = operation({
  id: 'apiKeys.create',
  method: 'POST',
  path: '/projects/{project}/api-keys',
  summary: 'Create a project API key (the secret is shown only in this response)',
  role: 'admin',
  input: z.object({
    project: ProjectParam,
    name: z.string().min(1).max(100),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the key stops working (ISO 8601); never when absent'),
  }),
  output: ApiKeyView.extend({ secret: z.string().describe('The key itself; store it now, it cannot be shown again') }),
  successStatus: 201,
  handler: async (input, ctx) => {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new ApiError(400, 'validation_error', 'Invalid request', [{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    const secret = generateApiKey();
    const row = await ctx.prisma.$transaction(async (tx) => {
      const key = await tx.apiKey.create({
        data: { projectId: ctx.project.id, name: input.name, prefix: displayPrefix(secret), hash: hashSecret(secret, ctx.services.pepper), createdById: ctx.caller.userId, expiresAt },
      });
      await writeAuditEvent(tx, ctx.caller, {
        orgId: ctx.project.orgId,
        projectId: ctx.project.id,
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: key.id,
        after: { name: key.name, prefix: key.prefix, expiresAt: isoOrNull(key.expiresAt) },
      });
      return key;
    });
    return { ...toView(row), secret };
  },
});

export const listApiKeys = operation({
  id: 'apiKeys.list',
  method: 'GET',
  path: '/projects/{project}/api-keys',
  summary: 'List the API keys of a project (never their secrets)',
  role: 'developer',
  input: z.object({ project: ProjectParam }),
  output: z.object({ apiKeys: z.array(ApiKeyView) }),
  handler: async (_input, ctx) => {
    const rows = await ctx.prisma.apiKey.findMany({ where: { projectId: ctx.project.id }, orderBy: { createdAt: 'desc' } });
    return { apiKeys: rows.map(toView) };
  },
});

export const revokeApiKey = operation({
  id: 'apiKeys.revoke',
  method: 'POST',
  path: '/projects/{project}/api-keys/{id}/revoke',
  summary: 'Revoke an API key; every gateway stops accepting it within a second',
  role: 'admin',
  input: z.object({ project: ProjectParam, id: z.uuid() }),
  output: ApiKeyView,
  handler: async (input, ctx) => {
    const row = await ctx.prisma.$transaction(async (tx) => {
      const key = await tx.apiKey.findFirst({ where: { id: input.id, projectId: ctx.project.id } });
      if (!key) throw new ApiError(404, 'not_found', 'No such API key in this project');
      if (key.revokedAt) return key; // idempotent: revoking twice changes nothing
      const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
      await writeAuditEvent(tx, ctx.caller, {
        orgId: ctx.project.orgId,
        projectId: ctx.project.id,
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: key.id,
        before: { revokedAt: null },
        after: { revokedAt: isoOrNull(revoked.revokedAt) },
      });
      await notifyApiKeyChanged(tx, { keyId: key.id });
      return revoked;
    });
    return toView(row);
  },
});

export const apiKeyOperations = [createApiKey, listApiKeys, revokeApiKey];
