// Shared by the cascade and ensemble workflows: the activity proxies (local or regular), one
// trace entry per provider call, the trace itself, and the closing log record.
import { ActivityCancellationType, CancellationScope, isCancellation, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.ts';
import { costUsd } from '../../core/catalog.ts';
import type { DurableRequestInput, DurableRequestResult, ModelCallInput, ModelCallOutcome } from '../../core/durable-request.ts';
import type { PlanStep } from '../../core/plan.ts';
import type { DecisionTrace, TraceAttempt } from '../../core/trace.ts';

/** Seconds of slack over the attempt timeout before Temporal itself gives up on the activity
 * (the activity enforces the attempt timeout; this catches a worker that died mid-call). */
const ACTIVITY_SLACK_MS = 5_000;

export function modelCaller(mode: DurableRequestInput['activityMode'], timeoutMs: number): (input: ModelCallInput) => Promise<ModelCallOutcome> {
  const options = {
    startToCloseTimeout: timeoutMs + ACTIVITY_SLACK_MS,
    // Provider failures are return values; what throws is infrastructure (a lost worker, the
    // credential lookup failing), worth a couple more tries.
    retry: { maximumAttempts: 3, initialInterval: '100 ms' },
    // An ensemble's losers are cancelled without waiting for them to acknowledge.
    cancellationType: ActivityCancellationType.TRY_CANCEL,
  };
  return mode === 'local' ? proxyLocalActivities<Activities>(options).callModel : proxyActivities<Activities>(options).callModel;
}

function logRecorder(mode: DurableRequestInput['activityMode']) {
  // The row must be written: retry for as long as a day (Postgres down, a deploy).
  const options = { startToCloseTimeout: '30 seconds', scheduleToCloseTimeout: '1 day', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } };
  return mode === 'local' ? proxyLocalActivities<Activities>(options).recordRequestLog : proxyActivities<Activities>(options).recordRequestLog;
}

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

/** The end offset of the latest attempt: the workflow's view of "now" on the gateway's clock. */
export function elapsedMs(attempts: TraceAttempt[]): number {
  return attempts.reduce((latest, a) => Math.max(latest, a.startMs + a.latencyMs), 0);
}

export function buildTrace(input: DurableRequestInput, attempts: TraceAttempt[], outcome: string, extra: Partial<DecisionTrace> = {}): DecisionTrace {
  const sum = (field: 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'reasoningTokens' | 'costUsd') => attempts.reduce((total, a) => total + a[field], 0);
  const info = workflowInfo();
  const url = input.temporalWebUrl
    ? `${input.temporalWebUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(info.namespace)}/workflows/${encodeURIComponent(info.workflowId)}/${info.runId}/history`
    : undefined;
  return {
    requestedModel: input.log.requestedModel,
    ...(input.config ? { config: input.config } : {}),
    strategy: input.plan.strategy,
    plan: input.plan.description,
    attempts,
    outcome,
    streamed: input.log.stream,
    committedToClient: false,
    temporal: { workflowId: info.workflowId, runId: info.runId, namespace: info.namespace, ...(url ? { url } : {}) },
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

/**
 * Runs a durable strategy and writes its log row at the end. A cancelled workflow (the client
 * went away) is still logged, as cancelled, with the attempts made so far.
 */
export async function runAndRecord(
  input: DurableRequestInput,
  attempts: TraceAttempt[],
  body: () => Promise<DurableRequestResult>,
): Promise<DurableRequestResult> {
  const record = logRecorder(input.activityMode);
  let result: DurableRequestResult;
  try {
    result = await body();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    const trace = buildTrace(input, attempts.map((a) => (a.latencyMs === 0 && a.outcome === 'success' ? { ...a, outcome: 'cancelled' as const } : a)), 'the client disconnected; the request was cancelled');
    const cancelled: DurableRequestResult = { ok: false, httpStatus: 499, message: 'cancelled', error: { kind: 'network', provider: 'gateway', message: 'the client disconnected' }, trace };
    await CancellationScope.nonCancellable(() => record({ requestId: input.requestId, log: input.log, startedAtMs: input.startedAtMs, result: cancelled, cancelled: true }));
    throw error;
  }
  await record({ requestId: input.requestId, log: input.log, startedAtMs: input.startedAtMs, result, cancelled: false });
  return result;
}
