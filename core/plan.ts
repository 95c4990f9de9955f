// An execution plan: the ordered targets a request will try, with their timeouts and retry
// budget, and the reasons for the order in words (for the decision trace). Pure: the same plan
// is made live, inside workflows and in the replay simulator.
import type { AcceptChecks } from './answers/accept.ts';
import type { ModelPricing } from './catalog.ts';
import type { Aggregation } from './answers/tally.ts';
import type { RetryCondition } from './strategies/common.ts';
import type { HealthState, HealthView } from './provider-health/health-types.ts';

/** Catalog providers, plus any OpenAI-compatible server (vLLM, Ollama, Groq…) an organisation adds. */
export type ModelProvider = 'openai' | 'anthropic' | 'gemini' | 'openai-compatible';

export interface PlanStep {
  /** Catalog model id, e.g. gpt-4o-mini (or "openai-compatible/<upstream id>", which has no price). */
  model: string;
  provider: ModelProvider;
  /** The provider's own model id. */
  upstreamModel: string;
  timeoutMs: number;
  /** Extra tries of this same step on a retryable failure. */
  maxRetries: number;
  /** List prices (with the organisation's overrides); absent for models outside the catalog. */
  pricing?: ModelPricing;
  /** Cascade: when this step's answer is good enough to stop. */
  accept?: AcceptChecks;
  /** Ensemble: this member's vote weight. */
  weight?: number;
}

/** Multi-step strategies that run as Temporal workflows (workflows/), not in the gateway. */
export type DurablePlan =
  | { kind: 'cascade'; onNoAccept: 'return_last' | 'error' }
  | { kind: 'ensemble'; aggregation: Aggregation; quorum: number; accept: AcceptChecks };

export interface ExecutionPlan {
  strategy: string;
  steps: PlanStep[];
  retryOn: readonly RetryCondition[];
  /** The whole request's budget, across every step and retry. */
  deadlineMs: number;
  /** One line per step, for the trace. */
  description: string[];
  durable?: DurablePlan;
  /** Strategies that choose among candidates (cost, latency): each one, with why it ranks where it does. */
  candidates?: PlanCandidate[];
}

/** What the planner knows of the request (computed by the gateway only when a strategy needs it). */
export interface PlanRequestFacts {
  /** Prompt tokens by OpenAI's o200k tokenizer; other providers are estimated from it (core/prompt-tokens.ts). */
  promptTokens: number;
  maxTokens?: number;
  stream: boolean;
  needs: { tools: boolean; vision: boolean; jsonSchema: boolean };
}

/** The planner's inputs beyond the spec: pure data and a random source, so replay can re-plan. */
export interface PlanContext {
  health?: HealthView;
  /** The client asked for a stream (known for every request, unlike the facts below). */
  stream?: boolean;
  request?: PlanRequestFacts;
  /** In [0, 1); Math.random live, seeded in replay. */
  random?: () => number;
}

export interface PlanCandidate {
  model: string;
  provider: string;
  /** 1-based position among the plan's steps; absent when the candidate is not tried. */
  rank?: number;
  state?: HealthState;
  estimatedCostUsd?: number;
  /** Latency strategy: the metric it was ranked by, and the samples behind it. */
  metricMs?: number;
  samples?: number;
  reason: string;
}
