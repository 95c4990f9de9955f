// What a cascade or ensemble runner needs from where it runs. Inside a Temporal workflow the
// calls are activities, cancellation is a CancellationScope and sleeping is a durable timer
// (workflows/durable/); in-process they are plain calls, AbortControllers and setTimeout
// (gateway/durable/in-process-runner.ts). The strategy logic itself is written once, here in core.
import type { ChatRequest } from '../chat.ts';
import type { PlanStep } from '../plan.ts';
import type { ModelCallOutcome } from './request.ts';

export interface CallHandle {
  /** The call's outcome; rejects only when the call could not be made at all (infrastructure). */
  result: Promise<ModelCallOutcome>;
  /** Stop waiting for the call and abort it (an ensemble already decided). */
  cancel(): void;
}

export interface StrategyExecutor {
  call(step: PlanStep, request: Omit<ChatRequest, 'model'>): CallHandle;
  sleep(ms: number): Promise<void>;
  /** The Temporal run this executes in, for the trace's link (absent in-process). */
  temporal?: { workflowId: string; runId: string; namespace: string };
}
