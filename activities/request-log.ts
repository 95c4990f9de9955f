// The last step of every durable request: its request-log row, written by the workflow itself
// so a gateway that crashed mid-request loses nothing. The insert skips an id already written,
// so a retried activity (or a replayed workflow) still leaves exactly one row.
import type { DurableLogRecord } from '../core/durable/request.ts';
import { captureResponse } from '../gateway/request-log/body-capture.ts';
import { toLogRow, type RequestLogRow } from '../gateway/request-log/log-row.ts';
import type { SqlPool } from '../db/sql.ts';
import { writeRequestLogs } from '../gateway/request-log/log-writer.ts';

export interface RequestLogDeps {
  logDb: SqlPool;
  /**
   * Told of each durable result once its row is written. The gateway's own worker uses it to
   * answer the waiting request at once, instead of after the workflow's completion has gone
   * through the server and back (see gateway/durable/durable-runner.ts).
   */
  onRecorded?: (record: DurableLogRecord) => void;
}

/** The request-log row of a finished durable request (latency measured now, on this clock). */
export function durableLogRow({ requestId, log, startedAtMs, result, cancelled }: DurableLogRecord): RequestLogRow {
  const trace = { ...result.trace, totals: { ...result.trace.totals, latencyMs: Math.max(0, Date.now() - startedAtMs) } };
  const temporal = trace.temporal;
  const row = toLogRow({
    requestId,
    projectId: log.projectId,
    ...(log.apiKeyId ? { apiKeyId: log.apiKeyId } : {}),
    ...(log.configId ? { configId: log.configId } : {}),
    ...(log.configVersionId ? { configVersionId: log.configVersionId } : {}),
    ...(log.variant ? { variant: log.variant } : {}),
    requestedModel: log.requestedModel,
    ...(result.ok ? { model: result.model, provider: result.provider } : {}),
    // 499 (nginx's "client closed request"): the client left and the workflow was cancelled.
    httpStatus: cancelled ? 499 : result.httpStatus,
    ...(result.ok ? {} : { errorClass: result.error.kind }),
    cancelled,
    stream: log.stream,
    ...(log.endUser ? { endUser: log.endUser } : {}),
    tags: log.tags,
    trace,
    ...(log.requestBody ? { requestBody: log.requestBody } : {}),
    ...(result.ok ? { responseBody: captureResponse(log.logBodies, result.choices) } : {}),
    createdAt: new Date(log.createdAt),
  });
  return { ...row, ...(temporal ? { workflowId: temporal.workflowId, workflowRunId: temporal.runId } : {}) };
}

export function createRequestLogActivities({ logDb, onRecorded }: RequestLogDeps) {
  return {
    async recordRequestLog(record: DurableLogRecord): Promise<void> {
      await writeRequestLogs(logDb, [durableLogRow(record)]);
      onRecorded?.(record);
    },
  };
}
