// Planning for the strategies that choose among candidates: cost_optimized ranks by the request's
// estimated cost, latency_optimized by live latency. Both put healthy candidates first (an
// ejected or cooling one is only a last resort, and the router skips it anyway while it is out)
// and explain every candidate's place in the trace. Pure: health, request facts and randomness
// come in through the PlanContext.
import { costUsd } from '../pricing.ts';
import { listModels, tierAtLeast, type Catalog, type CatalogModel } from '../catalog.ts';
import type { ExecutionPlan, PlanCandidate, PlanContext, PlanStep } from '../plan.ts';
import { promptTokensFor } from '../prompt-tokens.ts';
import { governingHealth, isOut, type HealthState, type HealthView } from '../provider-health/health-types.ts';
import type { CostOptimizedSpec } from './cost-optimized.ts';
import type { LatencyOptimizedSpec } from './latency-optimized.ts';

type Resolve = (name: string) => CatalogModel;

export function planCostOptimized(spec: CostOptimizedSpec, catalog: Catalog, resolve: Resolve, context: PlanContext): ExecutionPlan {
  const request = context.request;
  const denied = new Set(spec.deny.map((name) => resolve(name).id));
  const pool = spec.allow ? spec.allow.map(resolve) : listModels(catalog);
  const ranked: Array<{ model: CatalogModel; cost: number; state: HealthState }> = [];
  const candidates: PlanCandidate[] = [];
  for (const model of pool) {
    const excluded = exclusion(model, spec, denied, context);
    const state = healthState(context.health, model.provider, model.id);
    if (excluded) {
      candidates.push({ model: model.id, provider: model.provider, state, reason: `excluded: ${excluded}` });
      continue;
    }
    const output = Math.min(request?.maxTokens ?? spec.expected_output_tokens, model.maxOutputTokens);
    const input = promptTokensFor(model.provider, request?.promptTokens ?? 0);
    const cost = costUsd(model, { inputTokens: input, outputTokens: output, cachedInputTokens: 0, reasoningTokens: 0 });
    ranked.push({ model, cost, state });
  }
  // Healthy first, then by estimated cost; ties go to the higher tier, then the name (stable).
  ranked.sort((a, b) => Number(isOut(a.state)) - Number(isOut(b.state)) || a.cost - b.cost || tierRank(b.model) - tierRank(a.model) || a.model.id.localeCompare(b.model.id));
  const chosen = ranked.slice(0, spec.max_attempts);
  ranked.forEach(({ model, cost, state }, index) => {
    const rank = index < spec.max_attempts ? index + 1 : undefined;
    const reason = rank === undefined
      ? `not tried: beyond max_attempts (${spec.max_attempts})`
      : isOut(state) ? `last resort: ${state}` : rank === 1 ? 'cheapest healthy candidate' : `fallback ${rank - 1} (next cheapest)`;
    candidates.push({ model: model.id, provider: model.provider, state, estimatedCostUsd: round(cost), reason, ...(rank ? { rank } : {}) });
  });
  candidates.sort(byRankThenName);
  const steps: PlanStep[] = chosen.map(({ model }) => stepOf(model, spec.timeout_ms));
  return {
    strategy: 'cost_optimized',
    steps,
    retryOn: spec.retry_on,
    deadlineMs: spec.deadline_ms,
    description: chosen.map(({ model, cost }, i) => `${i + 1}. ${model.provider}/${model.id}: estimated $${round(cost)} for this request${i === 0 ? ' (cheapest healthy)' : ''}`)
      .concat(`tier ≥ ${spec.min_quality_tier}, ${request ? `${request.promptTokens} prompt tokens (o200k)` : 'prompt size unknown'}, ${request?.maxTokens !== undefined ? `max_tokens ${request.maxTokens}` : `${spec.expected_output_tokens} output tokens expected`}`),
    candidates,
  };
}

export function planLatencyOptimized(spec: LatencyOptimizedSpec, resolve: Resolve, context: PlanContext): ExecutionPlan {
  const metric = spec.metric === 'auto' ? ((context.stream ?? context.request?.stream) ? 'ttft_p50' : 'p50') : spec.metric;
  const entries = spec.candidates.map((candidate, order) => {
    const model = resolve(candidate.model);
    const snapshot = context.health?.model(model.provider, model.id);
    const value = metric === 'p50' ? snapshot?.window.p50Ms : snapshot?.window.ttftP50Ms;
    const samples = (metric === 'p50' ? snapshot?.window.latencySamples : snapshot?.window.ttftSamples) ?? 0;
    const state = healthState(context.health, model.provider, model.id);
    return { model, timeoutMs: candidate.timeout_ms, order, value, samples, state, fresh: value !== undefined && samples >= spec.min_samples };
  });
  // Healthy first; measured candidates by their metric; stale ones after, in the config's order.
  const ranked = [...entries].sort((a, b) =>
    Number(isOut(a.state)) - Number(isOut(b.state)) || Number(!a.fresh) - Number(!b.fresh) || (a.fresh && b.fresh ? a.value! - b.value! : 0) || a.order - b.order);
  // Exploration: now and then a healthy candidate other than the leader goes first (a stale one
  // when there is one), so a target that got faster is noticed.
  let explored: (typeof entries)[number] | undefined;
  // Without a random source (a deterministic re-plan) nothing is explored.
  const random = context.random;
  const others = ranked.slice(1).filter((entry) => !isOut(entry.state));
  if (random && spec.exploration > 0 && others.length > 0 && random() < spec.exploration) {
    const stale = others.filter((entry) => !entry.fresh);
    const pickFrom = stale.length > 0 ? stale : others;
    explored = pickFrom[Math.min(pickFrom.length - 1, Math.floor(random() * pickFrom.length))];
    ranked.splice(ranked.indexOf(explored!), 1);
    ranked.unshift(explored!);
  }
  const label = metric === 'p50' ? 'p50' : 'TTFT p50';
  const describeValue = (entry: (typeof entries)[number]) => entry.value !== undefined ? `${label} ${Math.round(entry.value)} ms over ${entry.samples} samples` : `no ${label} data yet`;
  const candidates: PlanCandidate[] = ranked.map((entry, index) => {
    const reason = entry === explored
      ? `exploration (${Math.round(spec.exploration * 100)}% share): ${entry.fresh ? 'refreshing its data' : 'stale data'} (${describeValue(entry)})`
      : isOut(entry.state) ? `last resort: ${entry.state}`
        : index === 0 || (explored && index === 1) ? (entry.fresh ? `best live ${label}` : `no candidate has enough ${label} data: config order`) : `fallback ${index} by ${label}`;
    return {
      model: entry.model.id, provider: entry.model.provider, rank: index + 1, state: entry.state, samples: entry.samples, reason,
      ...(entry.value !== undefined ? { metricMs: Math.round(entry.value) } : {}),
    };
  });
  return {
    strategy: 'latency_optimized',
    steps: ranked.map((entry) => stepOf(entry.model, entry.timeoutMs)),
    retryOn: spec.retry_on,
    deadlineMs: spec.deadline_ms,
    description: ranked.map((entry, i) => `${i + 1}. ${entry.model.provider}/${entry.model.id}: ${describeValue(entry)}${entry === explored ? ' (exploration)' : ''}`),
    candidates,
  };
}

function exclusion(model: CatalogModel, spec: CostOptimizedSpec, denied: ReadonlySet<string>, context: PlanContext): string | undefined {
  if (denied.has(model.id)) return 'denied by the config';
  if (!tierAtLeast(model.tier, spec.min_quality_tier)) return `tier ${model.tier} is below ${spec.min_quality_tier}`;
  const needs = context.request?.needs;
  if (needs?.tools && !model.capabilities.tools) return 'the request uses tools, which it lacks';
  if (needs?.vision && !model.capabilities.vision) return 'the request has images, which it cannot read';
  if (needs?.jsonSchema && !model.capabilities.json_schema) return 'the request asks for a JSON schema, which it cannot enforce';
  const request = context.request;
  if (request && promptTokensFor(model.provider, request.promptTokens) + (request.maxTokens ?? 0) > model.contextWindow) {
    return `the prompt does not fit its ${model.contextWindow}-token context window`;
  }
  return undefined;
}

function healthState(health: HealthView | undefined, provider: string, model: string): HealthState {
  return (health && governingHealth(health, provider, model)?.state) ?? 'healthy';
}

const tierRank = (model: CatalogModel) => ['economy', 'standard', 'premium', 'frontier'].indexOf(model.tier);

const round = (usd: number) => Math.round(usd * 1e9) / 1e9;

function byRankThenName(a: PlanCandidate, b: PlanCandidate): number {
  return (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.model.localeCompare(b.model);
}

function stepOf(model: CatalogModel, timeoutMs: number): PlanStep {
  return { model: model.id, provider: model.provider, upstreamModel: model.upstreamModel, timeoutMs, maxRetries: 0, pricing: model.pricing };
}

