// The routing-config spec: one strict discriminated union on `strategy`. Each strategy lives in
// core/strategies/<name>.ts and joins the union here (schema + the models it references); later
// strategies (cost_optimized, latency_optimized, ab, rules) add one line each.
// Specs are validated once at save time (validateSpec); stored versions hold the parsed spec with
// defaults made explicit, so a version keeps its meaning when a default changes later.
import { z } from 'zod';
import { findModel, tierAtLeast, type Catalog } from './catalog.ts';
import { formatPath, toFieldIssues, type FieldIssue } from './issue-path.ts';
import { CascadeSpec, cascadeSpecModels } from './strategies/cascade.ts';
import { AbSpec, abSpecModels } from './strategies/ab.ts';
import { RulesSpec, rulesSpecModels, rulesSpecRoutes } from './strategies/rules.ts';
import { checkRule } from './rules/rule-language.ts';
import { CostOptimizedSpec, costOptimizedSpecModels } from './strategies/cost-optimized.ts';
import { LatencyOptimizedSpec, latencyOptimizedSpecModels } from './strategies/latency-optimized.ts';
import { EnsembleSpec, ensembleSpecModels } from './strategies/ensemble.ts';
import { FallbackSpec, fallbackSpecModels } from './strategies/fallback.ts';
import { SingleSpec, singleSpecModels } from './strategies/single.ts';

export { SingleSpec } from './strategies/single.ts';
export { FallbackSpec, FallbackAttempt } from './strategies/fallback.ts';
export { RetryCondition } from './strategies/common.ts';
export { CascadeSpec, CascadeAttempt } from './strategies/cascade.ts';
export { EnsembleSpec, EnsembleMember } from './strategies/ensemble.ts';
export { CostOptimizedSpec } from './strategies/cost-optimized.ts';
export { AbSpec, AbVariant } from './strategies/ab.ts';
export { RulesSpec, Rule } from './strategies/rules.ts';
export { LatencyOptimizedSpec, LatencyCandidate } from './strategies/latency-optimized.ts';

export const StrategySpec = z.discriminatedUnion('strategy', [SingleSpec, FallbackSpec, CostOptimizedSpec, LatencyOptimizedSpec, CascadeSpec, EnsembleSpec, AbSpec, RulesSpec]);
export type StrategySpec = z.infer<typeof StrategySpec>;
export type StrategyName = StrategySpec['strategy'];

/** Every model a spec references, with the field path that references it. */
export function specModelRefs(spec: StrategySpec): Array<{ model: string; path: Array<string | number> }> {
  switch (spec.strategy) {
    case 'single':
      return singleSpecModels(spec).map((model) => ({ model, path: ['model'] }));
    case 'fallback':
      return fallbackSpecModels(spec).map((model, index) => ({ model, path: ['attempts', index, 'model'] }));
    case 'cascade':
      return cascadeSpecModels(spec).map((model, index) => ({ model, path: ['attempts', index, 'model'] }));
    case 'ensemble':
      return ensembleSpecModels(spec).map((model, index) => ({ model, path: ['members', index, 'model'] }));
    case 'cost_optimized':
      return costOptimizedSpecModels(spec);
    case 'latency_optimized':
      return latencyOptimizedSpecModels(spec).map((model, index) => ({ model, path: ['candidates', index, 'model'] }));
    case 'ab':
      return abSpecModels(spec);
    case 'rules':
      return rulesSpecModels(spec);
  }
}

/** Routes to other configs or models (A/B variants, rule routes), with their field paths. */
export function specRoutes(spec: StrategySpec): Array<{ ref: string; path: Array<string | number> }> {
  if (spec.strategy === 'ab') return spec.variants.map((variant, index) => ({ ref: variant.config, path: ['variants', index, 'config'] }));
  if (spec.strategy === 'rules') return rulesSpecRoutes(spec);
  return [];
}

export type ValidateSpecResult = { ok: true; spec: StrategySpec } | { ok: false; errors: FieldIssue[] };

/**
 * Parses a spec (unknown keys rejected) and checks every model against the catalog, which may
 * carry an organisation's overrides. Errors name the field path: "attempts[1].model".
 */
export function validateSpec(json: unknown, catalog: Catalog): ValidateSpecResult {
  const parsed = StrategySpec.safeParse(json);
  if (!parsed.success) return { ok: false, errors: toFieldIssues(parsed.error.issues) };
  const errors = specModelRefs(parsed.data)
    .filter(({ model }) => !findModel(catalog, model))
    .map(({ model, path }) => ({ path: formatPath(path), message: `unknown model "${model}" (not in the model catalog)` }));
  if (errors.length === 0 && parsed.data.strategy === 'cost_optimized') errors.push(...costOptimizedCatalogIssues(parsed.data, catalog));
  if (parsed.data.strategy === 'rules') errors.push(...ruleIssues(parsed.data));
  return errors.length ? { ok: false, errors } : { ok: true, spec: parsed.data };
}

/** Every rule's expression must parse, type-check and be a bool. */
function ruleIssues(spec: RulesSpec): FieldIssue[] {
  return spec.rules.flatMap((rule, index) => {
    const problem = checkRule(rule.when);
    return problem ? [{ path: formatPath(['rules', index, 'when']), message: `${problem.message}${problem.position ? ` (at position ${problem.position})` : ''}` }] : [];
  });
}

/** A cost-optimized config must leave at least one model to choose from. */
function costOptimizedCatalogIssues(spec: CostOptimizedSpec, catalog: Catalog): FieldIssue[] {
  const denied = new Set(spec.deny.map((name) => findModel(catalog, name)?.id));
  const pool = spec.allow ? spec.allow.map((name) => findModel(catalog, name)!) : Object.values(catalog.models);
  const eligible = pool.filter((model) => !denied.has(model.id) && tierAtLeast(model.tier, spec.min_quality_tier));
  if (eligible.length > 0) return [];
  return [{ path: spec.allow ? 'allow' : 'min_quality_tier', message: `no allowed model is at or above the "${spec.min_quality_tier}" tier (after deny)` }];
}
