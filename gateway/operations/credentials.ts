// An organisation's provider credentials: the API key (and endpoint) the gateway uses to call
// each provider. Secrets are write-only: encrypted with the master key (AES-256-GCM) when saved,
// never returned, never in an audit event. Every change reaches each gateway's credential cache
// at once through the settings NOTIFY. For a provider kind the oldest credential is the one in
// use (gateway/provider-targets.ts); a newer one of the same kind waits until that one is deleted.
import { z } from 'zod';
import type { Prisma } from '../../db/client.ts';
import { notifySettingsChanged, writeAuditEvent } from '../audit.ts';
import { ApiError } from '../errors.ts';
import { encryptSecret } from '../security/credential-cipher.ts';
import { toSecretColumns } from '../security/secret-columns.ts';
import type { OperationContext } from './context.ts';
import { operation } from './operation.ts';
import { OrgParam, resolveOrg } from './org-scope.ts';
import { iso, Timestamp } from './schemas.ts';

/** The provider names of model references ("openai-compatible/…") ↔ the database enum's keys. */
const KINDS = ['openai', 'openai-compatible', 'anthropic', 'gemini'] as const;
type Kind = (typeof KINDS)[number];
type DbKind = 'openai' | 'openai_compatible' | 'anthropic' | 'gemini';
const toDbKind = (kind: Kind): DbKind => (kind === 'openai-compatible' ? 'openai_compatible' : kind);
const fromDbKind = (kind: DbKind): Kind => (kind === 'openai_compatible' ? 'openai-compatible' : kind);

const CredentialName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lower-case letters, digits, "-" or "_", starting with a letter or digit')
  .describe('Credential name, unique in the organisation');

const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2_000)
  .refine((value) => {
    // Zod runs this even when the URL check failed.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'must not carry credentials, a query or a fragment (the secret goes in "secret")')
  .transform((value) => value.replace(/\/+$/, ''))
  .describe('The API root, e.g. https://api.groq.com/openai/v1 (the provider\'s public endpoint when absent)');

const Secret = z.string().min(1).max(4_096).describe('The provider API key; write-only');

export const CredentialView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(KINDS),
  baseUrl: z.string().nullable().describe('Null: the provider\'s public endpoint'),
  inUse: z.boolean().describe('Whether the gateway calls this provider kind with this credential (the oldest of its kind)'),
  keyId: z.string().describe('Which master key encrypts the secret (changes when the secret is saved under a new one)'),
  createdBy: z.uuid().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
type View = z.infer<typeof CredentialView>;

type Row = { id: string; name: string; kind: DbKind; baseUrl: string | null; secretKeyId: string; createdById: string | null; createdAt: Date; updatedAt: Date };
const SELECT = { id: true, name: true, kind: true, baseUrl: true, secretKeyId: true, createdById: true, createdAt: true, updatedAt: true } as const;

function toView(row: Row, inUse: boolean): View {
  return {
    id: row.id,
    name: row.name,
    kind: fromDbKind(row.kind),
    baseUrl: row.baseUrl,
    inUse,
    keyId: row.secretKeyId,
    createdBy: row.createdById,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The credential the gateway uses for its kind: the oldest (the same order as provider-targets.ts). */
async function inUse(tx: Prisma.TransactionClient, orgId: string, row: Row): Promise<boolean> {
  const first = await tx.providerCredential.findFirst({ where: { orgId, kind: row.kind }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  return first?.id === row.id;
}

function sealed(ctx: OperationContext, secret: string) {
  const masterKey = ctx.services.masterKey;
  if (!masterKey) throw new ApiError(503, 'unavailable', 'This server has no master key (SWITCHYARD_MASTER_KEY), so it cannot store provider credentials');
  return toSecretColumns(encryptSecret(secret, masterKey));
}

/** An OpenAI-compatible server has no public endpoint: its credential must say where it is. */
function requireBaseUrl(kind: Kind, baseUrl: string | null | undefined): void {
  if (kind === 'openai-compatible' && !baseUrl) {
    throw new ApiError(400, 'validation_error', 'Invalid request', [{ path: 'baseUrl', message: 'is required for an openai-compatible credential (it has no public endpoint)' }]);
  }
}

async function findCredential(tx: Prisma.TransactionClient, orgId: string, name: string): Promise<Row> {
  const row = await tx.providerCredential.findUnique({ where: { orgId_name: { orgId, name } }, select: SELECT });
  if (!row) throw new ApiError(404, 'not_found', `No credential named "${name}"`);
  return row;
}

export const listCredentials = operation({
  id: 'credentials.list',
  method: 'GET',
  path: '/orgs/{org}/credentials',
  summary: "An organisation's provider credentials (never their secrets)",
  role: 'viewer',
  input: z.object({ org: OrgParam }),
  output: z.object({ credentials: z.array(CredentialView) }),
  handler: async (input, ctx) => {
    const org = await resolveOrg(ctx, input.org);
    const rows = await ctx.prisma.providerCredential.findMany({ where: { orgId: org.id }, orderBy: { createdAt: 'asc' }, select: SELECT });
    const seen = new Set<DbKind>();
    return {
      credentials: rows.map((row) => {
        const first = !seen.has(row.kind);
        seen.add(row.kind);
        return toView(row, first);
      }),
    };
  },
});

export const createCredential = operation({
  id: 'credentials.create',
  method: 'POST',
  path: '/orgs/{org}/credentials',
  summary: 'Add a provider credential (its secret is encrypted and never shown again)',
  role: 'admin',
  input: z.object({ org: OrgParam, name: CredentialName, kind: z.enum(KINDS), baseUrl: BaseUrl.optional(), secret: Secret }),
  output: CredentialView,
  successStatus: 201,
  handler: async (input, ctx) => {
    const org = await resolveOrg(ctx, input.org);
    requireBaseUrl(input.kind, input.baseUrl);
    const secret = sealed(ctx, input.secret);
    return ctx.prisma.$transaction(async (tx) => {
      if (await tx.providerCredential.findUnique({ where: { orgId_name: { orgId: org.id, name: input.name } }, select: { id: true } })) {
        throw new ApiError(409, 'conflict', `A credential named "${input.name}" already exists`);
      }
      const row = await tx.providerCredential.create({
        data: { orgId: org.id, name: input.name, kind: toDbKind(input.kind), baseUrl: input.baseUrl ?? null, createdById: ctx.caller.userId, ...secret },
        select: SELECT,
      });
      await writeAuditEvent(tx, ctx.caller, {
        orgId: org.id, action: 'credential.created', targetType: 'provider_credential', targetId: row.id,
        after: { name: row.name, kind: input.kind, baseUrl: row.baseUrl, keyId: row.secretKeyId },
      });
      await notifySettingsChanged(tx, { orgId: org.id });
      return toView(row, await inUse(tx, org.id, row));
    });
  },
});

export const updateCredential = operation({
  id: 'credentials.update',
  method: 'PATCH',
  path: '/orgs/{org}/credentials/{name}',
  summary: 'Rotate a provider credential\'s secret or change its endpoint',
  role: 'admin',
  input: z.object({
    org: OrgParam,
    name: CredentialName,
    baseUrl: BaseUrl.nullable().optional().describe('The new API root; null for the provider\'s public endpoint'),
    secret: Secret.optional(),
  }),
  output: CredentialView,
  handler: async (input, ctx) => {
    const org = await resolveOrg(ctx, input.org);
    if (input.baseUrl === undefined && input.secret === undefined) {
      throw new ApiError(400, 'validation_error', 'Invalid request', [{ path: 'secret', message: 'give a new secret, a new baseUrl, or both' }]);
    }
    const secret = input.secret === undefined ? {} : sealed(ctx, input.secret);
    return ctx.prisma.$transaction(async (tx) => {
      const before = await findCredential(tx, org.id, input.name);
      const baseUrl = input.baseUrl === undefined ? before.baseUrl : input.baseUrl;
      requireBaseUrl(fromDbKind(before.kind), baseUrl);
      const row = await tx.providerCredential.update({ where: { id: before.id }, data: { baseUrl, ...secret }, select: SELECT });
      await writeAuditEvent(tx, ctx.caller, {
        orgId: org.id, action: 'credential.updated', targetType: 'provider_credential', targetId: row.id,
        before: { baseUrl: before.baseUrl, keyId: before.secretKeyId },
        after: { baseUrl: row.baseUrl, keyId: row.secretKeyId, secretChanged: input.secret !== undefined },
      });
      await notifySettingsChanged(tx, { orgId: org.id });
      return toView(row, await inUse(tx, org.id, row));
    });
  },
});

export const deleteCredential = operation({
  id: 'credentials.delete',
  method: 'DELETE',
  path: '/orgs/{org}/credentials/{name}',
  summary: 'Delete a provider credential (the next oldest of its kind, if any, takes over)',
  role: 'admin',
  input: z.object({ org: OrgParam, name: CredentialName }),
  output: z.object({ deleted: CredentialView }),
  handler: async (input, ctx) => {
    const org = await resolveOrg(ctx, input.org);
    return ctx.prisma.$transaction(async (tx) => {
      const row = await findCredential(tx, org.id, input.name);
      const wasInUse = await inUse(tx, org.id, row);
      await tx.providerCredential.delete({ where: { id: row.id } });
      await writeAuditEvent(tx, ctx.caller, {
        orgId: org.id, action: 'credential.deleted', targetType: 'provider_credential', targetId: row.id,
        before: { name: row.name, kind: fromDbKind(row.kind), baseUrl: row.baseUrl, keyId: row.secretKeyId },
      });
      await notifySettingsChanged(tx, { orgId: org.id });
      return { deleted: toView(row, wasInUse) };
    });
  },
});

export const credentialOperations = [listCredentials, createCredential, updateCredential, deleteCredential];
