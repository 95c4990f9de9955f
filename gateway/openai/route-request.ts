// From the request's `model` field to an execution plan: "@name" / "@name@3" through the
// project's routing configs (cached, no database round trip), or a model named directly.
import type { Catalog } from '../../core/catalog.ts';
import { parseModelRef } from '../../core/model-ref.ts';
import type { ExecutionPlan, PlanContext, PlanRequestFacts } from '../../core/plan.ts';
import type { HealthView } from '../../core/provider-health/health-types.ts';
import { needsRequestFacts, type RequestShape } from '../routing/request-facts.ts';
import { skipUnavailableSteps } from '../../core/provider-health/skip-unavailable.ts';
import { PlanError, planForModel, planForSpec } from '../../core/planner.ts';
import type { AbSpec, StrategySpec } from '../../core/strategy.ts';
import type { DecisionTrace } from '../../core/trace.ts';
import { chooseVariant } from '../../core/strategies/ab.ts';
import { decideRoute, rulesReadPromptTokens, type RuleDecision } from '../routing/rules-route.ts';
import { invalidRequest, modelNotFound, OpenAiHttpError } from './openai-error.ts';

export interface ResolvedConfigVersion {
  configId: string;
  name: string;
  versionId: string;
  version: number;
  spec: StrategySpec;
}

export type ResolveConfig = (projectId: string, name: string, version?: number) => Promise<ResolvedConfigVersion | undefined>;

export interface RoutedRequest {
  plan: ExecutionPlan;
  /** The config the request named (an A/B config, when it named one). */
  config?: ResolvedConfigVersion;
  /** A/B: the variant it picked, and the config (if any) that variant resolved to. */
  variant?: { ref: string; index: number; reason: string; config?: ResolvedConfigVersion };
  /** Rules: the route the rules picked, why, the values they saw, and the config it resolved to. */
  rule?: RuleDecision & { config?: ResolvedConfigVersion };
}

/** What the planner may consult: live health, and the request's facts when the strategy needs them. */
export interface RouteInputs {
  health?: HealthView;
  stream: boolean;
  /** Computed only for strategies that use them (counting tokens is not free). */
  facts: () => Promise<PlanRequestFacts>;
  /** The facts without the prompt's size (no tokenizer): what rules that never read it get. */
  shape: () => RequestShape;
  /** Who asks, and how: what A/B configs stick by and rules read. */
  caller?: { requestedModel: string; user?: string; apiKeyId?: string; tags: Record<string, string> };
}

/** A/B and rules configs may route to each other; a cycle saved despite the save-time check ends here. */
const MAX_CONFIG_DEPTH = 4;

export async function routeRequest(model: string, projectId: string, catalog: Catalog, resolveConfig: ResolveConfig, inputs?: RouteInputs, depth = 0): Promise<RoutedRequest> {
  const parsed = parseModelRef(model);
  if (!parsed.ok) throw invalidRequest(parsed.error, 'model');
  const ref = parsed.ref;
  try {
    if (ref.kind !== 'config') return { plan: planForModel(ref, catalog) };
    const config = await resolveConfig(projectId, ref.name, ref.version);
    if (!config) {
      const what = ref.version === undefined ? `routing config "@${ref.name}"` : `version ${ref.version} of routing config "@${ref.name}"`;
      throw modelNotFound(model, `This project has no ${what}.`);
    }
    if ((config.spec.strategy === 'ab' || config.spec.strategy === 'rules') && depth >= MAX_CONFIG_DEPTH) {
      throw new OpenAiHttpError(500, 'server_error', `Routing configs nest more than ${MAX_CONFIG_DEPTH} deep from "${model}" (a cycle?); fix the configs.`, 'config_cycle');
    }
    if (config.spec.strategy === 'rules') {
      if (!inputs?.caller) throw new Error('a rules config needs the caller (routeRequest inputs)');
      const facts = rulesReadPromptTokens(config.spec) ? await inputs.facts() : inputs.shape();
      const decision = decideRoute(config.spec, Object.assign({ facts }, inputs.caller), catalog, inputs.health, Date.now());
      const inner = await routeRequest(decision.route, projectId, catalog, resolveConfig, inputs, depth + 1);
      return { plan: inner.plan, config, rule: { ...decision, ...(inner.config ? { config: inner.config } : {}) } };
    }
    if (config.spec.strategy === 'ab') {
      const spec = config.spec;
      const choice = chooseVariant(spec, config.configId, stickyValue(spec.sticky_by, inputs?.caller), Math.random);
      const inner = await routeRequest(choice.variant.config, projectId, catalog, resolveConfig, inputs, depth + 1);
      return {
        plan: inner.plan,
        config,
        variant: { ref: choice.variant.config, index: choice.index, reason: choice.reason, ...(inner.config ? { config: inner.config } : {}) },
      };
    }
    // Optional fields last (docs/architecture.md, "object literals on the hot path").
    const context: PlanContext = {
      random: Math.random,
      ...(inputs?.health ? { health: inputs.health } : {}),
      ...(inputs ? { stream: inputs.stream } : {}),
      ...(inputs && needsRequestFacts(config.spec.strategy) ? { request: await inputs.facts() } : {}),
    };
    const plan = planForSpec(config.spec, catalog, context);
    return { plan: plan.durable && inputs?.health ? skipUnavailableSteps(plan, inputs.health) : plan, config };
  } catch (error) {
    if (error instanceof PlanError) throw modelNotFound(model, error.message);
    throw error;
  }
}

/** The routing headers every answer carries about its config (and A/B variant). */
export function configHeaders(routed: RoutedRequest): Record<string, string> {
  const { config, variant } = routed;
  return {
    ...(config ? { 'x-switchyard-config': config.name, 'x-switchyard-config-version': String(config.version) } : {}),
    ...(variant ? { 'x-switchyard-variant': variant.ref } : {}),
  };
}

const versionRef = (config: ResolvedConfigVersion) => ({ name: config.name, version: config.version, versionId: config.versionId });

/** The trace's config and variant entries. */
export function traceConfig(routed: RoutedRequest): Pick<DecisionTrace, 'config' | 'variant' | 'rule'> {
  const { config, variant, rule } = routed;
  return {
    ...(config ? { config: versionRef(config) } : {}),
    ...(rule ? { rule: { ...rule, ...(rule.config ? { config: versionRef(rule.config) } : {}) } } : {}),
    ...(variant ? { variant: { ref: variant.ref, index: variant.index, reason: variant.reason, ...(variant.config ? { config: versionRef(variant.config) } : {}) } } : {}),
  };
}

function stickyValue(by: AbSpec['sticky_by'], sticky: RouteInputs['caller']): string | undefined {
  if (by === 'none' || !sticky) return undefined;
  if (by === 'user') return sticky.user;
  if (by === 'api_key') return sticky.apiKeyId;
  return sticky.tags[by.slice('tag:'.length)];
}
