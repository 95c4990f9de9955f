// The REST API as an Express router, generated from the operations registry: one route per
// operation, with authentication, input validation, access checks and output validation done
// here once, and errors handed to the app's single error handler (gateway/errors.ts).
import express from 'express';
import { z } from 'zod';
import { defaultCatalog, type Catalog } from '../../core/catalog.ts';
import { toFieldIssues } from '../../core/issue-path.ts';
import type { PrismaClient } from '../../db/client.ts';
import { ApiError } from '../errors.ts';
import { authenticateAdmin } from './admin-auth.ts';
import { OperationContext, type OperationServices, type ProjectScope } from './context.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { pathParams, type Operation } from './operation.ts';
import { operations as registeredOperations } from './registry.ts';
import type { ProviderHealthService } from '../provider-health/health-service.ts';
import type { MasterKey } from '../security/credential-cipher.ts';

export interface ApiRouterDeps {
  /** Resolved on each request: the gateway opens Prisma on the first one (db/lazy-prisma.ts). */
  prisma: () => Promise<PrismaClient>;
  /** SWITCHYARD_KEY_PEPPER: admin tokens and API keys are looked up by their peppered hash. */
  pepper: string;
  /** Defaults to the shipped catalog (organisation overrides come later). */
  catalog?: Catalog;
  providerHealth?: ProviderHealthService;
  /** SWITCHYARD_MASTER_KEY, for the provider-credential operations. */
  masterKey?: MasterKey;
  /** Defaults to the full registry; tests may pass a subset. */
  operations?: readonly Operation[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createApiRouter(deps: ApiRouterDeps): express.Router {
  let services: OperationServices | undefined;
  const servicesFor = async (): Promise<OperationServices> => {
    const prisma = await deps.prisma();
    services ??= {
      prisma,
      pepper: deps.pepper,
      catalog: deps.catalog ?? defaultCatalog,
      ...(deps.providerHealth ? { providerHealth: deps.providerHealth } : {}),
      ...(deps.masterKey ? { masterKey: deps.masterKey } : {}),
    };
    return services;
  };
  const operations = deps.operations ?? registeredOperations;
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));

  const openApi = buildOpenApiDocument(operations);
  router.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });

  for (const op of operations) {
    const expressPath = op.path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
    router[op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](expressPath, async (req, res) => {
      const services = await servicesFor();
      const caller = await authenticateAdmin(services.prisma, services.pepper, req.header('authorization'));
      const raw = { ...(req.query as Record<string, unknown>), ...(isObject(req.body) ? req.body : {}), ...req.params };
      const parsed = op.input.safeParse(raw);
      if (!parsed.success) throw new ApiError(400, 'validation_error', 'Invalid request', toFieldIssues(parsed.error.issues));
      const ctx = new OperationContext(services, caller, op.role);
      if (pathParams(op.path).includes('project')) ctx.setProject(await resolveProject(services.prisma, caller.roles, String(parsed.data.project)));
      const result = await op.handler(parsed.data, ctx).catch(translateDatabaseError);
      if (!ctx.authorized) throw new Error(`operation ${op.id} returned without checking access`);
      // Output validation keeps the OpenAPI document honest; a mismatch is our bug, hence a 500.
      res.status(op.successStatus ?? 200).json(op.output.parse(result));
    });
  }
  return router;
}

/** The {project} path parameter is a project slug (unique per organisation) or id, among the caller's organisations. */
async function resolveProject(prisma: PrismaClient, roles: ReadonlyMap<string, unknown>, ref: string): Promise<ProjectScope> {
  const orgIds = [...roles.keys()];
  const projects = await prisma.project.findMany({
    where: { orgId: { in: orgIds }, OR: UUID.test(ref) ? [{ id: ref }, { slug: ref }] : [{ slug: ref }] },
    select: { id: true, orgId: true, slug: true },
    take: 2,
  });
  if (projects.length === 0) throw new ApiError(404, 'not_found', `No project "${ref}"`);
  if (projects.length > 1) throw new ApiError(409, 'ambiguous_project', `More than one of your organisations has a project "${ref}"; use the project id`);
  return projects[0]!;
}

/** Unique violations that slip past the handlers' own checks (concurrent creates) are conflicts. */
function translateDatabaseError(error: unknown): never {
  if ((error as { code?: string })?.code === 'P2002') throw new ApiError(409, 'conflict', 'A resource with that name already exists');
  if (error instanceof z.ZodError) throw new ApiError(400, 'validation_error', 'Invalid request', toFieldIssues(error.issues));
  throw error;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
