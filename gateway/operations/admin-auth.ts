// Who is calling /api/v1: `Authorization: Bearer sy_admin_…` → the admin token (by its peppered
// hash) → its user → the user's memberships. Not on the model-serving hot path, so a database
// lookup per call is fine and revocation takes effect at once.
import type { PrismaClient } from '../../db/client.ts';
import { hashSecret, secretKind } from '../security/api-keys.ts';
import { ApiError } from '../errors.ts';
import type { AdminCaller } from './context.ts';

export async function authenticateAdmin(prisma: PrismaClient, pepper: string, authorization: string | undefined, now = new Date()): Promise<AdminCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new ApiError(401, 'unauthorized', 'Send an admin token: Authorization: Bearer sy_admin_…');
  const secret = match[1]!;
  if (secretKind(secret) !== 'admin-token') throw new ApiError(401, 'unauthorized', 'Invalid admin token');
  const token = await prisma.adminToken.findUnique({
    where: { hash: hashSecret(secret, pepper) },
    include: { user: { include: { memberships: { select: { orgId: true, role: true } } } } },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
    throw new ApiError(401, 'unauthorized', 'Invalid, revoked or expired admin token');
  }
  return {
    userId: token.userId,
    label: `user:${token.userId}`,
    roles: new Map(token.user.memberships.map((m) => [m.orgId, m.role])),
  };
}
