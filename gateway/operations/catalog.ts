// The model catalog in force for an organisation: the shipped catalog plus its overrides
// (prices negotiated with a provider, extra models, disabled ones). Validated when saved.
import { z } from 'zod';
import { CatalogModel, CatalogOverrides, defaultCatalog, listModels, withOverrides } from '../../core/catalog.ts';
import { notifySettingsChanged, writeAuditEvent } from '../audit.ts';
import { ApiError } from '../errors.ts';
import { operation } from './operation.ts';
import { OrgParam, resolveOrg } from './org-scope.ts';

const CatalogView = z.object({
  overrides: z.unknown().nullable().describe('The organisation\'s overrides as saved'),
  models: z.array(CatalogModel).describe('The effective catalog'),
});

export const getCatalog = operation({
  id: 'catalog.get',
  method: 'GET',
  path: '/orgs/{org}/catalog',
  summary: "The model catalog in force for an organisation (defaults plus its overrides)",
  role: 'viewer',
  input: z.object({ org: OrgParam }),
  output: CatalogView,
  handler: async (input, ctx) => {
    const org = await resolveOrg(ctx, input.org);
    const catalog = org.catalogOverrides ? withOverrides(defaultCatalog, org.catalogOverrides) : defaultCatalog;
    return { overrides: org.catalogOverrides ?? null, models: listModels(catalog) };
  },
});

export const setCatalogOverrides = operation({
  id: 'catalog.setOverrides',
  method: 'PUT',
  path: '/orgs/{org}/catalog/overrides',
  summary: "Replace an organisation's model catalog overrides",
  role: 'admin',
  input: z.object({ org: OrgParam, overrides: z.unknown().describe('core/catalog.ts CatalogOverrides') }),
  output: CatalogView,
  handler: async (input, ctx) => {
    const org = await resolveOrg(ctx, input.org);
    const parsed = CatalogOverrides.safeParse(input.overrides);
    if (!parsed.success) {
      throw new ApiError(400, 'validation_error', 'Invalid catalog overrides', parsed.error.issues.map((i) => ({ path: ['overrides', ...i.path].join('.'), message: i.message })));
    }
    let catalog;
    try {
      catalog = withOverrides(defaultCatalog, parsed.data);
    } catch (error) {
      throw new ApiError(400, 'validation_error', error instanceof Error ? error.message : 'Invalid catalog overrides');
    }
    await ctx.prisma.$transaction(async (tx) => {
      await tx.organization.update({ where: { id: org.id }, data: { catalogOverrides: parsed.data as object } });
      await writeAuditEvent(tx, ctx.caller, {
        orgId: org.id,
        action: 'catalog.overrides_set',
        targetType: 'organization',
        targetId: org.id,
        ...(org.catalogOverrides ? { before: org.catalogOverrides as object } : {}),
        after: parsed.data as object,
      });
      await notifySettingsChanged(tx, { orgId: org.id });
    });
    return { overrides: parsed.data, models: listModels(catalog) };
  },
});

export const catalogOperations = [getCatalog, setCatalogOverrides];
