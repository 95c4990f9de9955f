// Turns what the client asked for (a config's strategy spec, or one model) into an execution
// plan. Pure and deterministic: used live, inside workflows and by the replay simulator.
import { DEFAULT_ACCEPT } from './answers/accept.ts';
import { findModel, type Catalog, type CatalogModel } from './catalog.ts';
import type { ModelRef } from './model-ref.ts';
import type { ExecutionPlan, PlanContext, PlanStep } from './plan.ts';
import { planCostOptimized, planLatencyOptimized } from './strategies/candidate-plans.ts';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, DEFAULT_RETRY_ON } from './strategies/common.ts';
import { DEFAULT_FALLBACK_DEADLINE_MS } from './strategies/fallback.ts';
import type { StrategySpec } from './strategy.ts';

const OPENAI_COMPATIBLE = 'openai-compatible';

/** A single-model request retries once on a transient failure (as the official SDKs do). */
const DIRECT_MODEL_RETRIES = 1;

export class PlanError extends Error {
  override name = 'PlanError';
}

export function planForSpec(spec: StrategySpec, catalog: Catalog, context: PlanContext = {}): ExecutionPlan {
  switch (spec.strategy) {
    case 'ab':
    case 'rules':
      // The gateway resolves these to the config or model they pick first (gateway/openai/route-request.ts).
      throw new PlanError(`a ${spec.strategy} config is planned through the route it picks, not directly`);
    case 'cost_optimized':
      return planCostOptimized(spec, catalog, (name) => resolveModel(name, catalog), context);
    case 'latency_optimized':
      return planLatencyOptimized(spec, (name) => resolveModel(name, catalog), context);
    case 'single': {
      const step = stepFor(spec.model, catalog, spec.timeout_ms, DIRECT_MODEL_RETRIES);
      return {
        strategy: 'single',
        steps: [step],
        retryOn: DEFAULT_RETRY_ON,
        deadlineMs: spec.timeout_ms * (DIRECT_MODEL_RETRIES + 1),
        description: [`1. ${describe(step)}: the config's only model`],
      };
    }
    case 'fallback': {
      const steps = spec.attempts.map((attempt) => stepFor(attempt.model, catalog, attempt.timeout_ms, attempt.max_retries));
      return {
        strategy: 'fallback',
        steps,
        retryOn: spec.retry_on,
        deadlineMs: spec.deadline_ms,
        description: steps.map((step, i) => `${i + 1}. ${describe(step)}${i === 0 ? ': primary' : ': fallback, in the config\'s order'}`),
      };
    }
    case 'cascade': {
      const steps = spec.attempts.map((attempt) => Object.assign(stepFor(attempt.model, catalog, attempt.timeout_ms, attempt.max_retries), { accept: attempt.accept ?? DEFAULT_ACCEPT }));
      return {
        strategy: 'cascade',
        steps,
        retryOn: spec.retry_on,
        deadlineMs: spec.deadline_ms,
        description: steps.map((step, i) => `${i + 1}. ${describe(step)}${i === 0 ? ': tried first' : ': escalation when the previous answer fails its checks or errors'}`),
        durable: { kind: 'cascade', onNoAccept: spec.on_no_accept },
      };
    }
    case 'ensemble': {
      const steps = spec.members.map((member) => Object.assign(stepFor(member.model, catalog, member.timeout_ms ?? spec.timeout_ms, 0), { weight: member.weight }));
      return {
        strategy: 'ensemble',
        steps,
        retryOn: [],
        deadlineMs: spec.timeout_ms,
        description: steps.map((step, i) => `${i + 1}. ${describe(step)}: member${spec.aggregation === 'weighted_vote' ? `, weight ${step.weight}` : ''}`)
          .concat(`aggregation: ${spec.aggregation}, quorum ${spec.quorum ?? 1}, decided by ${spec.timeout_ms} ms at the latest`),
        durable: { kind: 'ensemble', aggregation: spec.aggregation, quorum: spec.quorum ?? 1, accept: spec.accept ?? DEFAULT_ACCEPT },
      };
    }
  }
}

/** A request that names a model directly ("gpt-4o-mini", "anthropic/claude-haiku-4-5"). */
export function planForModel(ref: Exclude<ModelRef, { kind: 'config' }>, catalog: Catalog): ExecutionPlan {
  const name = ref.kind === 'catalog-model' ? ref.name : `${ref.provider}/${ref.model}`;
  const step = stepFor(name, catalog, DEFAULT_ATTEMPT_TIMEOUT_MS, DIRECT_MODEL_RETRIES);
  return {
    strategy: 'single',
    steps: [step],
    retryOn: DEFAULT_RETRY_ON,
    deadlineMs: DEFAULT_FALLBACK_DEADLINE_MS,
    description: [`1. ${describe(step)}: named by the request`],
  };
}

/** Resolves a model name of a spec or request against the catalog. */
export function resolveModel(name: string, catalog: Catalog): CatalogModel {
  const slash = name.indexOf('/');
  if (slash < 0) {
    const model = findModel(catalog, name);
    if (!model) throw new PlanError(`unknown model "${name}": not in the model catalog`);
    return model;
  }
  const provider = name.slice(0, slash);
  const id = name.slice(slash + 1);
  const model = findModel(catalog, id);
  if (!model || model.provider !== provider) throw new PlanError(`unknown model "${name}": the catalog has no ${provider} model "${id}"`);
  return model;
}

function stepFor(name: string, catalog: Catalog, timeoutMs: number, maxRetries: number): PlanStep {
  // Models of an organisation's OpenAI-compatible server are not in the catalog: whatever follows
  // the prefix is the server's own model id (it may contain slashes: "meta-llama/Llama-3.3-70B").
  if (name.startsWith(`${OPENAI_COMPATIBLE}/`)) {
    return { model: name, provider: OPENAI_COMPATIBLE, upstreamModel: name.slice(OPENAI_COMPATIBLE.length + 1), timeoutMs, maxRetries };
  }
  const model = resolveModel(name, catalog);
  return { model: model.id, provider: model.provider, upstreamModel: model.upstreamModel, timeoutMs, maxRetries, pricing: model.pricing };
}

function describe(step: PlanStep): string {
  return `${step.provider}/${step.model} (timeout ${step.timeoutMs} ms${step.maxRetries ? `, ${step.maxRetries} retr${step.maxRetries === 1 ? 'y' : 'ies'}` : ''})`;
}
