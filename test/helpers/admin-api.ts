// Calling /api/v1 on the harness stack, and making extra users with chosen roles (their admin
// tokens are hashed with the stack's pepper, read from its data folder).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createPrisma, type PrismaClient } from '../../db/client.ts';
import { generateAdminToken, displayPrefix, hashSecret } from '../../gateway/security/api-keys.ts';
import { harnessStack } from './stack.ts';

/** The harness stack's generated secrets (its data folder's secrets.json). */
export function harnessSecrets(): { keyPepper: string; masterKey: string } {
  const dir = process.env.SWITCHYARD_TEST_DATA_DIR;
  if (!dir) throw new Error('SWITCHYARD_TEST_DATA_DIR is not set: run the suite with test/run.ts');
  return JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as { keyPepper: string; masterKey: string };
}

export function harnessPepper(): string {
  return harnessSecrets().keyPepper;
}

export function harnessPrisma(): PrismaClient {
  return createPrisma(harnessStack().databaseUrl, { maxConnections: 4 });
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

// Response bodies are loosely typed on purpose: the tests assert their shape field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function api<T = any>(method: string, apiPath: string, options: { token?: string | null; body?: unknown } = {}): Promise<ApiResponse<T>> {
  const stack = harnessStack();
  const token = options.token === undefined ? stack.adminToken : options.token;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.gatewayUrl}/api/v1${apiPath}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export const uniqueName = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

/** A new user with `role` in the organisation `orgId` (or in a new organisation), and their admin token. */
export async function userWithRole(prisma: PrismaClient, role: 'viewer' | 'developer' | 'admin' | 'owner', orgId?: string) {
  const org = orgId ?? (await prisma.organization.create({ data: { slug: uniqueName('org'), name: 'Test org' } })).id;
  const user = await prisma.user.create({ data: { email: `${uniqueName(role)}@example.test` } });
  await prisma.membership.create({ data: { orgId: org, userId: user.id, role } });
  const token = generateAdminToken();
  await prisma.adminToken.create({ data: { userId: user.id, name: 'test', prefix: displayPrefix(token), hash: hashSecret(token, harnessPepper()) } });
  return { userId: user.id, orgId: org, token };
}
