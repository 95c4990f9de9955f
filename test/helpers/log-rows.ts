// Request-log rows as the gateway builds them (toLogRow), for the tests of the log path: a
// single-model success with an empty plan; fields of the outcome and of the trace override.
import type { DecisionTrace } from '../../core/trace.ts';
import { toLogRow, type RequestLogRow, type RequestOutcome } from '../../gateway/request-log/log-row.ts';

export const TEST_LOG_PROJECT_ID = '7f0c5a8e-0d6c-4bb5-9b53-1f4a2d9c0e11';

export function testLogRow(requestId: string, outcome: Partial<Omit<RequestOutcome, 'requestId' | 'trace'>> = {}, trace: Partial<DecisionTrace> = {}): RequestLogRow {
  const requestedModel = outcome.requestedModel ?? 'gpt-4o-mini';
  return toLogRow({
    requestId, projectId: TEST_LOG_PROJECT_ID, requestedModel, httpStatus: 200, stream: false, tags: {}, createdAt: new Date(),
    ...outcome,
    trace: {
      requestedModel, strategy: 'single', plan: [], attempts: [], outcome: 'test', streamed: false, committedToClient: false,
      totals: { latencyMs: 1, costUsd: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 },
      ...trace,
    },
  });
}
