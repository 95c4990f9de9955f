// Accumulates a request's decision trace while it runs and closes it with totals.
import { costUsd, defaultCatalog, findModel, type Catalog } from '../../core/catalog.ts';
import type { Usage } from '../../core/chat.ts';
import type { ExecutionPlan } from '../../core/plan.ts';
import type { DecisionTrace, TraceAttempt } from '../../core/trace.ts';
import { traceConfig, type RoutedRequest } from './route-request.ts';

export class TraceBuilder {
  readonly attempts: TraceAttempt[] = [];
  winner: number | undefined;
  ttftMs: number | undefined;
  committedToClient = false;
  /** Prices the attempts: the project's catalog once it is known. */
  catalog: Catalog = defaultCatalog;

  private requestedModel = '';
  private streamed = false;
  private plan: ExecutionPlan | undefined;
  private routed: RoutedRequest | undefined;

  constructor(private readonly startedAt: number) {}

  setRequest(requestedModel: string, streamed: boolean): void {
    this.requestedModel = requestedModel;
    this.streamed = streamed;
  }

  setRoute(routed: RoutedRequest): void {
    this.plan = routed.plan;
    this.routed = routed;
  }

  /** Records the winning attempt's usage and cost. */
  recordUsage(traceIndex: number, usage: Usage): void {
    const attempt = this.attempts[traceIndex];
    if (!attempt) return;
    const model = findModel(this.catalog, attempt.model);
    Object.assign(attempt, {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cachedInputTokens: usage.cachedInputTokens,
      reasoningTokens: usage.reasoningTokens,
      costUsd: model ? costUsd(model, usage) : 0,
    });
  }

  finish(outcome: string): DecisionTrace {
    const sum = (field: 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'reasoningTokens' | 'costUsd') =>
      this.attempts.reduce((total, attempt) => total + attempt[field], 0);
    // Conditional fields last: see "object literals on the hot path" in docs/architecture.md.
    return {
      requestedModel: this.requestedModel,
      strategy: this.plan?.strategy ?? 'none',
      plan: this.plan?.description ?? [],
      attempts: this.attempts,
      outcome,
      streamed: this.streamed,
      committedToClient: this.committedToClient,
      totals: {
        latencyMs: Date.now() - this.startedAt,
        costUsd: sum('costUsd'),
        inputTokens: sum('inputTokens'),
        outputTokens: sum('outputTokens'),
        cachedInputTokens: sum('cachedInputTokens'),
        reasoningTokens: sum('reasoningTokens'),
        ...(this.ttftMs !== undefined ? { ttftMs: this.ttftMs } : {}),
      },
      ...(this.routed ? traceConfig(this.routed) : {}),
      ...(this.plan?.candidates ? { candidates: this.plan.candidates } : {}),
      ...(this.winner !== undefined ? { winner: this.winner } : {}),
    };
  }
}
