// What the router, the REST API and other gateway instances see of a target's health. Plain
// JSON (published to Postgres, read by the replay simulator); no zod so workflows may import it.

/** healthy → ejected (open) → half_open (one probe) → healthy; cooling is a rate-limit pause. */
export type HealthState = 'healthy' | 'cooling' | 'ejected' | 'half_open';

export type HealthScope = 'model' | 'provider';

export interface WindowStats {
  /** Outcomes inside the sliding window (rate limits excluded: they are the provider's pacing). */
  requests: number;
  failures: number;
  /** failures / requests, 0 without requests. */
  errorRate: number;
  /** Latency of successful non-streamed calls, milliseconds. */
  p50Ms?: number;
  p95Ms?: number;
  /** Time to the first token of successful streamed calls, milliseconds. */
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  /** Samples behind p50Ms / ttftP50Ms. */
  latencySamples: number;
  ttftSamples: number;
}

export interface TargetHealthSnapshot {
  /** "openai/gpt-4o-mini" (scope model) or "openai" (scope provider). */
  target: string;
  scope: HealthScope;
  state: HealthState;
  consecutiveFailures: number;
  /** Times ejected in a row (the next ejection lasts this + 1 base periods). */
  ejections: number;
  /** Epoch ms: when an ejection or a cool-down ends. */
  ejectedUntil?: number;
  coolingUntil?: number;
  /** Why the target is in its state ("5 consecutive failures (server)", "rate limited: retry-after 2000 ms"). */
  reason?: string;
  window: WindowStats;
  lastFailureKind?: string;
  lastFailureAt?: number;
  lastSuccessAt?: number;
}

export interface HealthEvent {
  at: number;
  target: string;
  scope: HealthScope;
  from: HealthState;
  to: HealthState;
  reason: string;
}

/** Whether the router may send a request to a target right now. */
export type Admission =
  | { admitted: true; probe: boolean }
  | { admitted: false; state: HealthState; until?: number; reason: string };

/** A read-only view the planner orders candidates by (live, or a recorded snapshot in replay). */
export interface HealthView {
  /** Health of a (provider, model) target and of its provider; undefined when never seen. */
  model(provider: string, model: string): TargetHealthSnapshot | undefined;
  provider(provider: string): TargetHealthSnapshot | undefined;
}

export const modelTarget = (provider: string, model: string) => `${provider}/${model}`;

/** Ejected or cooling: not to be sent to while anything else is left (half-open may take a probe). */
export const isOut = (state: HealthState): boolean => state === 'ejected' || state === 'cooling';

/**
 * The health that governs a (provider, model) target in a plan: a provider that is out, else a
 * model that is out, else a provider that is half-open, else the model's own (undefined: never seen).
 */
export function governingHealth(view: HealthView, provider: string, model: string): TargetHealthSnapshot | undefined {
  const byProvider = view.provider(provider);
  const byModel = view.model(provider, model);
  if (byProvider && isOut(byProvider.state)) return byProvider;
  if (byModel && isOut(byModel.state)) return byModel;
  if (byProvider && byProvider.state !== 'healthy') return byProvider;
  return byModel;
}
