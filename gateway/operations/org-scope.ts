// Operations on an organisation ("/orgs/{org}/…"): the path names it by slug or id, and the
// caller must belong to it with the operation's role (a non-member sees 404, as for projects).
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { OperationContext } from './context.ts';

export const OrgParam = z.string().min(1).max(64).describe('Organisation slug or id');

/** The organisation named by the path, access-checked. */
export async function resolveOrg(ctx: OperationContext, param: string): Promise<{ id: string; catalogOverrides: unknown }> {
  const isUuid = z.uuid().safeParse(param).success;
  const org = await ctx.prisma.organization.findFirst({ where: isUuid ? { id: param } : { slug: param }, select: { id: true, catalogOverrides: true } });
  if (!org) throw new ApiError(404, 'not_found', 'No such organisation');
  ctx.authorizeOrg(org.id, 'organisation');
  return org;
}
