// An execution plan: the ordered targets a request will try, with their timeouts and retry
// budget, and the reasons for the order in words (for the decision trace). Pure: the same plan
// is made live, inside workflows and in the replay simulator.
import type { AcceptChecks } from './answers/accept.ts';
import type { ModelPricing } from './catalog.ts';
import type { Aggregation } from './answers/tally.ts';
import type { RetryCondition } from './strategies/common.ts';

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
}
