// The model catalog: which models exist, who serves them, what they cost and what they can do.
// Shipped as data (catalog-data.ts) and overridable per organisation (withOverrides). Pure: the
// planner, workflows and the replay simulator all price and pick models from the same table.
import { z } from 'zod';
import { defaultCatalogModels } from './catalog-data.ts';

export const CatalogProvider = z.enum(['openai', 'anthropic', 'gemini']);
export type CatalogProvider = z.infer<typeof CatalogProvider>;

/** Ordered from cheapest to strongest; strategies such as cascade climb this ladder. */
export const QualityTier = z.enum(['economy', 'standard', 'premium', 'frontier']);
export type QualityTier = z.infer<typeof QualityTier>;

export function tierAtLeast(tier: QualityTier, minimum: QualityTier): boolean {
  return QualityTier.options.indexOf(tier) >= QualityTier.options.indexOf(minimum);
}

const pricePerMillion = z.number().nonnegative().finite();
const tokenCount = z.number().int().positive();

export const ModelPricing = z.strictObject({
  /** USD per million uncached input tokens. */
  inputPerMTok: pricePerMillion,
  /** USD per million output tokens (reasoning tokens are billed as output). */
  outputPerMTok: pricePerMillion,
  /** USD per million input tokens served from the provider's prompt cache. */
  cachedInputPerMTok: pricePerMillion,
});
export type ModelPricing = z.infer<typeof ModelPricing>;

export const ModelCapabilities = z.strictObject({
  tools: z.boolean(),
  vision: z.boolean(),
  json_schema: z.boolean(),
  reasoning: z.boolean(),
  streaming: z.boolean(),
});
export type ModelCapabilities = z.infer<typeof ModelCapabilities>;

export const modelIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export const CatalogModel = z.strictObject({
  /** The name clients and configs use, e.g. "gpt-4o-mini". */
  id: z.string().regex(modelIdPattern, 'must be a model name such as "gpt-4o-mini"'),
  provider: CatalogProvider,
  /** The provider's own model id sent upstream. */
  upstreamModel: z.string().min(1),
  pricing: ModelPricing,
  tier: QualityTier,
  contextWindow: tokenCount,
  maxOutputTokens: tokenCount,
  capabilities: ModelCapabilities,
});
export type CatalogModel = z.infer<typeof CatalogModel>;

/** A plain JSON-serialisable object (it may travel into Temporal workflows as an argument). */
export interface Catalog {
  readonly models: Readonly<Record<string, CatalogModel>>;
}

export function catalogFrom(models: readonly CatalogModel[]): Catalog {
  const byId: Record<string, CatalogModel> = {};
  for (const model of models) {
    if (Object.hasOwn(byId, model.id)) throw new Error(`catalog: model "${model.id}" is listed twice`);
    byId[model.id] = model;
  }
  return { models: byId };
}

export const defaultCatalog: Catalog = catalogFrom(defaultCatalogModels.map((model) => CatalogModel.parse(model)));

/**
 * Looks a model up by its catalog name ("gpt-4o-mini") or as "provider/name"
 * ("openai/gpt-4o-mini"); the provider prefix must match the model's provider.
 */
export function findModel(catalog: Catalog, name: string): CatalogModel | undefined {
  if (Object.hasOwn(catalog.models, name)) return catalog.models[name];
  const slash = name.indexOf('/');
  if (slash <= 0) return undefined;
  const model = Object.hasOwn(catalog.models, name.slice(slash + 1)) ? catalog.models[name.slice(slash + 1)] : undefined;
  return model && model.provider === name.slice(0, slash) ? model : undefined;
}

export function listModels(catalog: Catalog): CatalogModel[] {
  return Object.values(catalog.models);
}

/**
 * An organisation's changes to the shipped catalog: a partial entry adjusts a known model
 * (negotiated prices, a smaller context window), a complete entry adds a model, `remove` hides
 * models the organisation must not use.
 */
export const CatalogOverrides = z.strictObject({
  models: z
    .record(
      z.string().regex(modelIdPattern, 'must be a model name such as "gpt-4o-mini"'),
      z.strictObject({
        provider: CatalogProvider.optional(),
        upstreamModel: z.string().min(1).optional(),
        pricing: ModelPricing.partial().optional(),
        tier: QualityTier.optional(),
        contextWindow: tokenCount.optional(),
        maxOutputTokens: tokenCount.optional(),
        capabilities: ModelCapabilities.partial().optional(),
      }),
    )
    .default({}),
  remove: z.array(z.string()).default([]),
});
export type CatalogOverrides = z.input<typeof CatalogOverrides>;

/** Applies validated overrides; throws a ZodError naming the bad field when they are invalid. */
export function withOverrides(catalog: Catalog, overrides: unknown): Catalog {
  const parsed = CatalogOverrides.parse(overrides);
  const models: Record<string, CatalogModel> = { ...catalog.models };
  for (const [id, change] of Object.entries(parsed.models)) {
    const base = Object.hasOwn(models, id) ? models[id] : undefined;
    const merged = {
      ...base,
      ...change,
      id,
      pricing: { ...base?.pricing, ...change.pricing },
      capabilities: { ...base?.capabilities, ...change.capabilities },
    };
    // A new model must be complete; the issues are re-rooted so they name models.<id>.<field>.
    const result = CatalogModel.safeParse(merged);
    if (!result.success) throw new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: ['models', id, ...issue.path] })));
    models[id] = result.data;
  }
  for (const id of parsed.remove) delete models[id];
  return { models };
}

export { costUsd } from './pricing.ts';
