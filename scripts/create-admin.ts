// Production bootstrap: the first owner of an organisation, and an admin token for them (shown
// once). The embedded default seeds its own; a production deployment runs this once:
//   DATABASE_URL=… SWITCHYARD_KEY_PEPPER=… node --import tsx scripts/create-admin.ts --email you@example.com --org acme
// Idempotent for the user, the organisation and the membership; every run adds a new token.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createPrisma } from '../db/client.ts';
import { writeAuditEvent } from '../gateway/audit.ts';
import { displayPrefix, generateAdminToken, hashSecret } from '../gateway/security/api-keys.ts';
import { databaseUrl, keyPepper, parseEnv, runMain, StartupError } from '../runtime/env.ts';

const Env = z.object({
  DATABASE_URL: databaseUrl,
  SWITCHYARD_KEY_PEPPER: keyPepper,
});

const Args = z.object({
  email: z.email('--email must be an e-mail address').transform((e) => e.toLowerCase()),
  org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, '--org must be a slug: lower-case letters, digits and "-"'),
  'org-name': z.string().min(1).optional(),
  'token-name': z.string().min(1).default('bootstrap'),
});

runMain(async () => {
  const env = parseEnv(Env);
  const { values } = parseArgs({ options: { email: { type: 'string' }, org: { type: 'string' }, 'org-name': { type: 'string' }, 'token-name': { type: 'string' } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new StartupError(parsed.error.issues[0]?.message ?? 'bad arguments');
  const args = parsed.data;
  const prisma = createPrisma(env.DATABASE_URL);
  try {
    const token = generateAdminToken();
    await prisma.$transaction(async (tx) => {
      const org = await tx.organization.upsert({ where: { slug: args.org }, update: {}, create: { slug: args.org, name: args['org-name'] ?? args.org } });
      const user = await tx.user.upsert({ where: { email: args.email }, update: {}, create: { email: args.email } });
      await tx.membership.upsert({
        where: { orgId_userId: { orgId: org.id, userId: user.id } },
        update: { role: 'owner' },
        create: { orgId: org.id, userId: user.id, role: 'owner' },
      });
      const created = await tx.adminToken.create({ data: { userId: user.id, name: args['token-name'], prefix: displayPrefix(token), hash: hashSecret(token, env.SWITCHYARD_KEY_PEPPER) } });
      await writeAuditEvent(tx, { label: 'system:create-admin', userId: null }, {
        orgId: org.id,
        action: 'admin_token.created',
        targetType: 'admin_token',
        targetId: created.id,
        after: { user: args.email, role: 'owner', prefix: created.prefix },
      });
    });
    console.log(`owner ${args.email} of organisation "${args.org}"; admin token (shown once):\n${token}`);
  } finally {
    await prisma.$disconnect();
  }
});
