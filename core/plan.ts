// An execution plan: the ordered targets a request will try, with their timeouts and retry
// budget, and the reasons for the order in words (for the decision trace). Pure: the same plan
// is made live, inside workflows and in the replay simulator.
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
}

export interface ExecutionPlan {
  strategy: string;
  steps: PlanStep[];
  retryOn: readonly RetryCondition[];
  /** The whole request's budget, across every step and retry. */
  deadlineMs: number;
  /** One line per step, for the trace. */
  description: string[];
}
