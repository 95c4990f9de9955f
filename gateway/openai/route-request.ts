// From the request's `model` field to an execution plan: "@name" / "@name@3" through the
// project's routing configs (cached, no database round trip), or a model named directly.
import type { Catalog } from '../../core/catalog.ts';
import { parseModelRef } from '../../core/model-ref.ts';
import type { ExecutionPlan, PlanContext, PlanRequestFacts } from '../../core/plan.ts';
import type { HealthView } from '../../core/provider-health/health-types.ts';
import { needsRequestFacts } from '../routing/request-facts.ts';
import { skipUnavailableSteps } from '../../core/provider-health/skip-unavailable.ts';
import { PlanError, planForModel, planForSpec } from '../../core/planner.ts';
import type { StrategySpec } from '../../core/strategy.ts';
import { invalidRequest, modelNotFound } from './openai-error.ts';

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
  config?: ResolvedConfigVersion;
}

/** What the planner may consult: live health, and the request's facts when the strategy needs them. */
export interface RouteInputs {
  health?: HealthView;
  stream: boolean;
  /** Computed only for strategies that use them (counting tokens is not free). */
  facts: () => Promise<PlanRequestFacts>;
}

export async function routeRequest(model: string, projectId: string, catalog: Catalog, resolveConfig: ResolveConfig, inputs?: RouteInputs): Promise<RoutedRequest> {
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
    const context: PlanContext = {
      ...(inputs?.health ? { health: inputs.health } : {}),
      ...(inputs ? { stream: inputs.stream } : {}),
      random: Math.random,
      ...(inputs && needsRequestFacts(config.spec.strategy) ? { request: await inputs.facts() } : {}),
    };
    const plan = planForSpec(config.spec, catalog, context);
    return { plan: plan.durable && inputs?.health ? skipUnavailableSteps(plan, inputs.health) : plan, config };
  } catch (error) {
    if (error instanceof PlanError) throw modelNotFound(model, error.message);
    throw error;
  }
}
