// Writes a batch of request-log rows in one statement, on a plain `pg` pool. Prisma's createMany
// compiles a new query plan (in its wasm query compiler) for every batch size, which under load
// cost about a quarter of the gateway's CPU, stalled the event loop for ~35 ms per batch (the c=1
// p99) and grew the wasm heap; even $executeRaw still went through the compiler (~6% of CPU).
// Here the batch travels as one JSON parameter and Postgres turns it into rows.
import type { SqlClient } from '../../db/sql.ts';
import type { RequestLogRow } from './log-row.ts';


/** Prisma field → request_logs column. Keys absent from a row become NULL, so every column with a
 * non-null default (tokens, cost, stream, tags, created_at) must be filled by the row (toLogRow does). */
interface Columns {
  id: 'id';
  projectId: 'project_id';
  apiKeyId: 'api_key_id';
  configId: 'config_id';
  configVersionId: 'config_version_id';
  requestedModel: 'requested_model';
  provider: 'provider';
  model: 'model';
  status: 'status';
  httpStatus: 'http_status';
  errorClass: 'error_class';
  inputTokens: 'input_tokens';
  outputTokens: 'output_tokens';
  cachedTokens: 'cached_tokens';
  reasoningTokens: 'reasoning_tokens';
  costUsd: 'cost_usd';
  latencyMs: 'latency_ms';
  ttftMs: 'ttft_ms';
  stream: 'stream';
  endUser: 'end_user';
  tags: 'tags';
  trace: 'trace';
  requestBody: 'request_body';
  responseBody: 'response_body';
  workflowId: 'workflow_id';
  workflowRunId: 'workflow_run_id';
  createdAt: 'created_at';
  variant: 'variant';
}
/** Indexing by every row field makes a field without a column a compile error. */
type ColumnName = Columns[keyof RequestLogRow];

/** Inserts the rows, skipping ids already written (a retried batch), like createMany's skipDuplicates. */
export async function writeRequestLogs(db: SqlClient, rows: RequestLogRow[]): Promise<void> {
  await writeEncodedLogs(db, rows.map((row) => Buffer.from(encodeLogRecord(row), 'utf8')));
}

/**
 * One row as the JSON object json_populate_recordset reads: column names, undefined fields left
 * out by JSON.stringify. One fixed-shape literal and one stringify: building a renamed object key
 * by key (dictionary mode) cost three times the CPU, and concatenating per-field JSON three times
 * the garbage. `satisfies` keeps it in step with Columns (and Columns with the Prisma row type).
 */
export function encodeLogRecord(row: RequestLogRow): string {
  return JSON.stringify({
    id: row.id,
    project_id: row.projectId,
    api_key_id: row.apiKeyId,
    config_id: row.configId,
    config_version_id: row.configVersionId,
    requested_model: row.requestedModel,
    provider: row.provider,
    model: row.model,
    status: row.status,
    http_status: row.httpStatus,
    error_class: row.errorClass,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_tokens: row.cachedTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_usd: row.costUsd,
    latency_ms: row.latencyMs,
    ttft_ms: row.ttftMs,
    stream: row.stream,
    end_user: row.endUser,
    tags: row.tags,
    trace: row.trace,
    request_body: row.requestBody,
    response_body: row.responseBody,
    workflow_id: row.workflowId,
    workflow_run_id: row.workflowRunId,
    created_at: row.createdAt,
    variant: row.variant,
  } satisfies Record<ColumnName, unknown>);
}

/**
 * Inserts rows already encoded by encodeLogRecord (as UTF-8 bytes), skipping ids already written.
 * The batch goes as one JSON array in a Buffer, which node-postgres sends in binary format; for
 * `json` that is the text itself, so no batch-sized string is ever built.
 */
export async function writeEncodedLogs(db: SqlClient, records: Buffer[]): Promise<void> {
  // SELECT * keeps the table's own column order, which is the composite type's.
  await db.query('INSERT INTO request_logs SELECT * FROM json_populate_recordset(NULL::request_logs, $1::json) ON CONFLICT DO NOTHING', [jsonArray(records)]);
}

/** `[` record `,` record … `]`, copied once into a buffer of the exact size. */
export function jsonArray(records: Buffer[]): Buffer {
  let size = 2 + Math.max(records.length - 1, 0);
  for (const record of records) size += record.length;
  const out = Buffer.allocUnsafe(size);
  let offset = 0;
  out[offset++] = 0x5b; // [
  records.forEach((record, index) => {
    if (index > 0) out[offset++] = 0x2c; // ,
    offset += record.copy(out, offset);
  });
  out[offset++] = 0x5d; // ]
  return out;
}
