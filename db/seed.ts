// The demo data of the embedded default: an organisation and project (slug `demo`), an admin
// user who owns it, the admin token and the demo project API key printed at start, and provider
// credentials pointing at the provider simulator. Idempotent: run on every start; it only adds
// what is missing (and repoints credentials when the simulator URL changed). Every change writes
// an audit event; secrets are stored hashed or encrypted, never in plain.
import { z } from 'zod';
import { defaultCatalog } from '../core/catalog.ts';
import { validateSpec } from '../core/strategy.ts';
import { createConfig } from '../gateway/configs/config-writes.ts';
import { displayPrefix, hashSecret } from '../gateway/security/api-keys.ts';
import { decryptSecret, encryptSecret, toMasterKey, type MasterKey } from '../gateway/security/credential-cipher.ts';
import { fromSecretColumns, toSecretColumns } from '../gateway/security/secret-columns.ts';
import type { Prisma, PrismaClient } from './client.ts';

const SeedOptions = z.object({
  adminToken: z.string().min(32),
  demoApiKey: z.string().min(32),
  pepper: z.string().min(1),
  masterKey: z.instanceof(Buffer).refine((key) => key.length === 32, 'masterKey must be 32 bytes'),
  simulatorUrl: z.url().transform((url) => url.replace(/\/+$/, '')),
});
export type SeedOptions = z.input<typeof SeedOptions>;

export const DEMO_SLUG = 'demo';
export const DEMO_ADMIN_EMAIL = 'admin@switchyard.local';
const ACTOR = 'system:seed';
/** The demo's "@production": the three providers in turn, so a provider outage is survivable. */
export const DEMO_PRODUCTION_SPEC = {
  strategy: 'fallback',
  attempts: [
    { model: 'gpt-4o-mini', timeout_ms: 2000 },
    { model: 'claude-haiku-4-5', timeout_ms: 2000 },
    { model: 'gemini-2.5-flash', timeout_ms: 2000 },
  ],
  retry_on: [429, '5xx', 'timeout'],
};
/** The demo's "@ensemble": three small models vote, weighted (the seed's shape from the product brief). */
export const DEMO_ENSEMBLE_SPEC = {
  strategy: 'ensemble',
  aggregation: 'weighted_vote',
  members: [
    { model: 'claude-haiku-4-5', weight: 1.0 },
    { model: 'gpt-4o-mini', weight: 1.0 },
    { model: 'gemini-2.5-flash', weight: 0.8 },
  ],
  timeout_ms: 5000,
};
/** The demo's "@cascade": a cheap model first, a strong one only when the answer is not good enough. */
export const DEMO_CASCADE_SPEC = {
  strategy: 'cascade',
  attempts: [
    { model: 'claude-haiku-4-5', timeout_ms: 2000, accept: { min_length: 20, no_refusal: true } },
    { model: 'claude-sonnet-4-5', timeout_ms: 5000 },
  ],
  retry_on: [429, '5xx', 'timeout'],
};
/** The demo's "@cheap": the cheapest healthy model of three at the standard tier or above, per request (the product brief's shape). */
export const DEMO_CHEAP_SPEC = {
  strategy: 'cost_optimized',
  min_quality_tier: 'standard',
  allow: ['gpt-4o-mini', 'gemini-2.5-flash', 'claude-haiku-4-5'],
  deny: [],
  timeout_ms: 2000,
};
/** The demo's "@fast": whichever of three answers fastest right now (live p50, or TTFT for streams). */
export const DEMO_FAST_SPEC = {
  strategy: 'latency_optimized',
  candidates: [
    { model: 'gpt-4o-mini', timeout_ms: 2000 },
    { model: 'claude-haiku-4-5', timeout_ms: 2000 },
    { model: 'gemini-2.5-flash', timeout_ms: 2000 },
  ],
  metric: 'auto',
};
/** The demo's "@experiment": 90% @production, 10% @cheap, each user always on the same side. */
export const DEMO_EXPERIMENT_SPEC = {
  strategy: 'ab',
  variants: [
    { config: '@production', weight: 90 },
    { config: '@cheap', weight: 10 },
  ],
  sticky_by: 'user',
};
/** The demo's "@rules": requests tagged tier=free go to @cheap, everything else to @production. */
export const DEMO_RULES_SPEC = {
  strategy: 'rules',
  rules: [{ when: "'tier' in request.tags && request.tags.tier == 'free'", route: '@cheap' }],
  default: '@production',
};
const DEMO_CONFIGS = [
  { name: 'production', spec: DEMO_PRODUCTION_SPEC, message: 'Demo: fallback across the three providers' },
  { name: 'ensemble', spec: DEMO_ENSEMBLE_SPEC, message: 'Demo: weighted vote of three small models' },
  { name: 'cascade', spec: DEMO_CASCADE_SPEC, message: 'Demo: claude-haiku-4-5, escalating to claude-sonnet-4-5' },
  { name: 'cheap', spec: DEMO_CHEAP_SPEC, message: 'Demo: the cheapest healthy of three small models' },
  { name: 'fast', spec: DEMO_FAST_SPEC, message: 'Demo: the fastest of three small models, live' },
  // After the configs it splits between: its variants are checked to exist when it is saved.
  { name: 'experiment', spec: DEMO_EXPERIMENT_SPEC, message: 'Demo: A/B 90/10 between @production and @cheap, sticky by user' },
  { name: 'rules', spec: DEMO_RULES_SPEC, message: 'Demo: tier=free to @cheap, the rest to @production' },
];
/** Serialises concurrent seeders (two starters on one database). */
const SEED_LOCK_KEY = 72707370;

type ProviderKind = 'openai' | 'anthropic' | 'gemini';
/** Base URLs follow each provider's own convention (what its SDK calls `baseURL`): OpenAI's
 * includes `/v1`, Anthropic's and Gemini's do not (their clients append the API version). */
const SIMULATED_PROVIDERS: Array<{ kind: ProviderKind; path: string }> = [
  { kind: 'openai', path: '/openai/v1' },
  { kind: 'anthropic', path: '/anthropic' },
  { kind: 'gemini', path: '/gemini' },
];

export async function seedDemo(
  prisma: PrismaClient,
  options: SeedOptions,
): Promise<{ orgId: string; projectId: string; created: boolean }> {
  const opts = SeedOptions.parse(options);
  const master = toMasterKey(opts.masterKey);

  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const events: Prisma.AuditEventCreateManyInput[] = [];
    const audit = (event: Omit<Prisma.AuditEventCreateManyInput, 'orgId' | 'actor'>) => events.push({ ...event, orgId: '', actor: ACTOR });

    let org = await tx.organization.findUnique({ where: { slug: DEMO_SLUG } });
    if (!org) {
      org = await tx.organization.create({ data: { slug: DEMO_SLUG, name: 'Demo organisation' } });
      audit({ action: 'organization.created', targetType: 'organization', targetId: org.id, after: { slug: org.slug, name: org.name } });
    }

    let project = await tx.project.findUnique({ where: { orgId_slug: { orgId: org.id, slug: DEMO_SLUG } } });
    if (!project) {
      project = await tx.project.create({ data: { orgId: org.id, slug: DEMO_SLUG, name: 'Demo project' } });
      audit({ action: 'project.created', targetType: 'project', targetId: project.id, projectId: project.id, after: { slug: project.slug, name: project.name } });
    }

    let admin = await tx.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } });
    if (!admin) {
      admin = await tx.user.create({ data: { email: DEMO_ADMIN_EMAIL, name: 'Demo admin' } });
      audit({ action: 'user.created', targetType: 'user', targetId: admin.id, after: { email: admin.email } });
    }
    const membership = await tx.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: admin.id } } });
    if (!membership) {
      const created = await tx.membership.create({ data: { orgId: org.id, userId: admin.id, role: 'owner' } });
      audit({ action: 'membership.created', targetType: 'membership', targetId: created.id, after: { userId: admin.id, role: 'owner' } });
    }

    const adminTokenHash = hashSecret(opts.adminToken, opts.pepper);
    if (!(await tx.adminToken.findUnique({ where: { hash: adminTokenHash } }))) {
      const token = await tx.adminToken.create({
        data: { userId: admin.id, name: 'Embedded default admin token', prefix: displayPrefix(opts.adminToken), hash: adminTokenHash },
      });
      audit({ action: 'admin_token.created', targetType: 'admin_token', targetId: token.id, after: { name: token.name, prefix: token.prefix } });
    }

    const apiKeyHash = hashSecret(opts.demoApiKey, opts.pepper);
    if (!(await tx.apiKey.findUnique({ where: { hash: apiKeyHash } }))) {
      const key = await tx.apiKey.create({
        data: { projectId: project.id, name: 'Demo key', prefix: displayPrefix(opts.demoApiKey), hash: apiKeyHash, createdById: admin.id },
      });
      audit({ action: 'api_key.created', targetType: 'api_key', targetId: key.id, projectId: project.id, after: { name: key.name, prefix: key.prefix } });
    }

    for (const { kind, path } of SIMULATED_PROVIDERS) {
      const baseUrl = `${opts.simulatorUrl}${path}`;
      const existing = await tx.providerCredential.findUnique({ where: { orgId_name: { orgId: org.id, name: kind } } });
      if (existing && existing.baseUrl === baseUrl && existing.secretKeyId === master.id) continue;
      // The simulator accepts any key; a recognisable dummy keeps logs and UIs honest, and tells
      // the seed's own credentials (re-pointed when the simulator's address changes) from ones
      // a user has since given a real key through the API (never touched again).
      const dummy = `simulator-${kind}-key`;
      if (existing && existing.secretKeyId === master.id && !holdsSecret(existing, dummy, master)) continue;
      const sealed = encryptSecret(dummy, master);
      const secret = toSecretColumns(sealed);
      if (existing) {
        await tx.providerCredential.update({ where: { id: existing.id }, data: { baseUrl, ...secret } });
        audit({ action: 'credential.updated', targetType: 'provider_credential', targetId: existing.id, before: { baseUrl: existing.baseUrl, keyId: existing.secretKeyId }, after: { baseUrl, keyId: sealed.keyId } });
      } else {
        const created = await tx.providerCredential.create({ data: { orgId: org.id, name: kind, kind, baseUrl, createdById: admin.id, ...secret } });
        audit({ action: 'credential.created', targetType: 'provider_credential', targetId: created.id, after: { name: kind, kind, baseUrl } });
      }
    }

    // The same code path as POST /api/v1/projects/{project}/configs (validation, audit, NOTIFY).
    // Each demo config is created once; a later start adds configs new to the seed (existing
    // data from an older version gains @ensemble and @cascade) and never touches edited ones.
    let configCreated = false;
    for (const demo of DEMO_CONFIGS) {
      const existing = await tx.routingConfig.findUnique({ where: { projectId_name: { projectId: project.id, name: demo.name } } });
      if (existing) continue;
      const validated = validateSpec(demo.spec, defaultCatalog);
      if (!validated.ok) throw new Error(`seed: the demo config @${demo.name} is invalid: ${JSON.stringify(validated.errors)}`);
      await createConfig(tx, project, { name: demo.name, spec: validated.spec, message: demo.message }, { label: ACTOR, userId: null });
      configCreated = true;
    }

    if (events.length) {
      const orgId = org.id;
      await tx.auditEvent.createMany({ data: events.map((event) => ({ ...event, orgId, actorUserId: null })) });
    }
    return { orgId: org.id, projectId: project.id, created: events.length > 0 || configCreated };
  });
}

/** Whether a stored credential's secret is `secret` (false when it cannot be decrypted). */
function holdsSecret(row: Parameters<typeof fromSecretColumns>[0], secret: string, master: MasterKey): boolean {
  try {
    return decryptSecret(fromSecretColumns(row), [master]) === secret;
  } catch {
    return false;
  }
}
