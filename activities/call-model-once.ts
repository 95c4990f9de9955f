// The provider call of a durable request: one attempt at one model, through the same provider
// adapters as the gateway's fast path. Provider failures come back as values (the workflow
// decides on retries and escalation, and its history records each outcome); only infrastructure
// failures throw, and Temporal retries those. Free of Temporal imports: the gateway's in-process
// runner calls it too, and the gateway loads the Temporal SDK only when it runs durable work.
import type { ModelProvider } from '../core/plan.ts';
import type { ModelCallInput, ModelCallOutcome } from '../core/durable/request.ts';
import { attemptErrorInfo } from '../core/provider-error.ts';
import type { ProviderAdapter, ProviderKind, ProviderTarget } from '../providers/adapter.ts';
import type { Outcome } from '../core/provider-health/health-registry.ts';

export interface ModelCallDeps {
  targets: { forProvider(orgId: string, provider: ModelProvider): Promise<ProviderTarget> };
  adapterFor: (kind: ProviderKind) => ProviderAdapter;
  /** The gateway's provider health, when the activity runs in a gateway (its outcomes count there). */
  health?: { record(provider: string, model: string, outcome: Outcome): void };
}

/**
 * One provider call with the attempt timeout. `cancelled` aborts it from outside (the ensemble
 * decided, the client left): then the abort is rethrown rather than reported as an outcome.
 */
export async function callModelOnce({ targets, adapterFor, health }: ModelCallDeps, { orgId, step, request }: ModelCallInput, cancelled: AbortSignal): Promise<ModelCallOutcome> {
  const startedAtMs = Date.now();
  const timeout = AbortSignal.timeout(step.timeoutMs);
  const signal = AbortSignal.any([cancelled, timeout]);
  try {
    const target = await targets.forProvider(orgId, step.provider);
    const result = await adapterFor(target.kind).generate(target, { ...request, model: step.upstreamModel }, { signal });
    const latencyMs = Date.now() - startedAtMs;
    health?.record(step.provider, step.model, { ok: true, latencyMs });
    return { ok: true, model: step.model, choices: result.choices, usage: result.usage, startedAtMs, latencyMs };
  } catch (error) {
    if (cancelled.aborted) throw error;
    const info = attemptErrorInfo(error, step.provider, timeout.aborted ? step.timeoutMs : undefined);
    health?.record(step.provider, step.model, { ok: false, kind: info.kind, ...(info.retryAfterMs !== undefined ? { retryAfterMs: info.retryAfterMs } : {}) });
    return { ok: false, error: info, startedAtMs, latencyMs: Date.now() - startedAtMs };
  }
}
