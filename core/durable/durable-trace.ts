// Trace entries and the decision trace of a durable request, built from the provider calls'
// own timings (the runner has no clock of its own: it may be a replayed workflow).
import { costUsd } from '../pricing.ts';
import type { PlanStep } from '../plan.ts';
import type { DecisionTrace, TraceAttempt } from '../trace.ts';
import type { StrategyExecutor } from './executor.ts';
import type { DurableRequestInput, ModelCallOutcome } from './request.ts';

/** An attempt's trace entry from its outcome, priced with the plan's catalog prices. */
export function traceEntry(input: DurableRequestInput, step: PlanStep, index: number, retry: number, reason: string, outcome: ModelCallOutcome): TraceAttempt {
  const base = {
    step: index, retry, model: step.model, provider: step.provider, reason,
    startMs: Math.max(0, outcome.startedAtMs - input.startedAtMs), latencyMs: outcome.latencyMs,
    inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0,
  };
  if (!outcome.ok) {
    return { ...base, outcome: 'error', errorKind: outcome.error.kind, errorMessage: outcome.error.message, ...(outcome.error.status !== undefined ? { httpStatus: outcome.error.status } : {}) };
  }
  const { usage } = outcome;
  return {
    ...base, outcome: 'success',
    inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cachedInputTokens: usage.cachedInputTokens, reasoningTokens: usage.reasoningTokens,
    costUsd: step.pricing ? costUsd({ pricing: step.pricing }, usage) : 0,
  };
}

/** The end offset of the latest attempt: the runner's view of "now" on the gateway's clock. */
export function elapsedMs(attempts: TraceAttempt[]): number {
  return attempts.reduce((latest, a) => Math.max(latest, a.startMs + a.latencyMs), 0);
}

export function buildTrace(
  input: DurableRequestInput,
  attempts: TraceAttempt[],
  outcome: string,
  executor: Pick<StrategyExecutor, 'temporal'>,
  extra: Partial<DecisionTrace> = {},
): DecisionTrace {
  const sum = (field: 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'reasoningTokens' | 'costUsd') => attempts.reduce((total, a) => total + a[field], 0);
  const run = executor.temporal;
  const url = run && input.temporalWebUrl
    ? `${input.temporalWebUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(run.namespace)}/workflows/${encodeURIComponent(run.workflowId)}/${run.runId}/history`
    : undefined;
  return {
    requestedModel: input.log.requestedModel,
    ...(input.config ? { config: input.config } : {}),
    ...(input.variant ? { variant: input.variant } : {}),
    ...(input.rule ? { rule: input.rule } : {}),
    strategy: input.plan.strategy,
    plan: input.plan.description,
    attempts,
    outcome,
    streamed: input.log.stream,
    committedToClient: false,
    ...(run ? { temporal: { ...run, ...(url ? { url } : {}) } } : {}),
    ...extra,
    totals: {
      latencyMs: elapsedMs(attempts),
      costUsd: Math.round(sum('costUsd') * 1e9) / 1e9,
      inputTokens: sum('inputTokens'),
      outputTokens: sum('outputTokens'),
      cachedInputTokens: sum('cachedInputTokens'),
      reasoningTokens: sum('reasoningTokens'),
    },
  };
}
