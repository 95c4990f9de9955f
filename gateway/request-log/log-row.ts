// One request_logs row from what happened to a request: the outcome, its totals and the trace.
import type { Prisma } from '../../db/client.ts';
import type { DecisionTrace } from '../../core/trace.ts';

export type RequestLogRow = Prisma.RequestLogCreateManyInput;

export interface RequestOutcome {
  requestId: string;
  projectId: string;
  apiKeyId?: string;
  requestedModel: string;
  configId?: string;
  configVersionId?: string;
  /** A/B: the variant that served the request ("@production"). */
  variant?: string;
  provider?: string;
  model?: string;
  httpStatus: number;
  errorClass?: string;
  /** The client went away before the response was complete. */
  cancelled?: boolean;
  stream: boolean;
  endUser?: string;
  tags: Record<string, string>;
  trace: DecisionTrace;
  requestBody?: object;
  responseBody?: object;
  createdAt: Date;
}

export function toLogRow(outcome: RequestOutcome): RequestLogRow {
  const { totals } = outcome.trace;
  return {
    id: outcome.requestId,
    projectId: outcome.projectId,
    apiKeyId: outcome.apiKeyId ?? null,
    configId: outcome.configId ?? null,
    configVersionId: outcome.configVersionId ?? null,
    variant: outcome.variant ?? null,
    requestedModel: outcome.requestedModel,
    provider: outcome.provider ?? null,
    model: outcome.model ?? null,
    // A stream that failed after its first byte had status 200 but still failed.
    status: outcome.cancelled ? 'cancelled' : outcome.httpStatus >= 400 || outcome.errorClass ? 'error' : 'success',
    httpStatus: outcome.httpStatus,
    errorClass: outcome.errorClass ?? null,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    cachedTokens: totals.cachedInputTokens,
    reasoningTokens: totals.reasoningTokens,
    costUsd: totals.costUsd.toFixed(9),
    latencyMs: Math.round(totals.latencyMs),
    ttftMs: totals.ttftMs === undefined ? null : Math.round(totals.ttftMs),
    stream: outcome.stream,
    endUser: outcome.endUser ?? null,
    tags: outcome.tags,
    trace: outcome.trace as unknown as Prisma.InputJsonValue,
    createdAt: outcome.createdAt,
    ...(outcome.requestBody ? { requestBody: outcome.requestBody as Prisma.InputJsonValue } : {}),
    ...(outcome.responseBody ? { responseBody: outcome.responseBody as Prisma.InputJsonValue } : {}),
  };
}
