// Writes a batch of request-log rows in one statement, on a plain `pg` pool. Prisma's createMany
// compiles a new query plan (in its wasm query compiler) for every batch size, which under load
// cost about a quarter of the gateway's CPU, stalled the event loop for ~35 ms per batch (the c=1
// p99) and grew the wasm heap; even $executeRaw still went through the compiler (~6% of CPU).
// Here the batch travels as one JSON parameter and Postgres turns it into rows.
import type { SqlClient } from '../../db/sql.ts';
import type { RequestLogRow } from './log-row.ts';


/** Prisma field → request_logs column. Keys absent from a row become NULL, so every column with a
 * non-null default (tokens, cost, stream, tags, created_at) must be filled by the row (toLogRow does). */
const COLUMNS: Record<keyof RequestLogRow, string> = {
  id: 'id',
  projectId: 'project_id',
  apiKeyId: 'api_key_id',
  configId: 'config_id',
  configVersionId: 'config_version_id',
  requestedModel: 'requested_model',
  provider: 'provider',
  model: 'model',
  status: 'status',
  httpStatus: 'http_status',
  errorClass: 'error_class',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  cachedTokens: 'cached_tokens',
  reasoningTokens: 'reasoning_tokens',
  costUsd: 'cost_usd',
  latencyMs: 'latency_ms',
  ttftMs: 'ttft_ms',
  stream: 'stream',
  endUser: 'end_user',
  tags: 'tags',
  trace: 'trace',
  requestBody: 'request_body',
  responseBody: 'response_body',
  workflowId: 'workflow_id',
  workflowRunId: 'workflow_run_id',
  createdAt: 'created_at',
  variant: 'variant',
};
const FIELDS = Object.keys(COLUMNS) as Array<keyof RequestLogRow>;
/** `"column":` for each field, in FIELDS order. */
const KEYS = FIELDS.map((field) => `${JSON.stringify(COLUMNS[field])}:`);

/** Inserts the rows, skipping ids already written (a retried batch), like createMany's skipDuplicates. */
export async function writeRequestLogs(db: SqlClient, rows: RequestLogRow[]): Promise<void> {
  await writeEncodedLogs(db, rows.map(encodeLogRecord));
}

/**
 * One row as the JSON object json_populate_recordset reads (column names, absent fields left
 * out). Written out field by field: building a renamed 28-key object first (dictionary mode)
 * and stringifying that cost three times as much, ~4% of the gateway's CPU at c=64.
 */
export function encodeLogRecord(row: RequestLogRow): string {
  let json = '{';
  for (let i = 0; i < FIELDS.length; i++) {
    const value = row[FIELDS[i]!];
    if (value === undefined) continue;
    if (json.length > 1) json += ',';
    json += KEYS[i]! + JSON.stringify(value);
  }
  return `${json}}`;
}

/** Inserts rows already encoded by encodeLogRecord, skipping ids already written. */
export async function writeEncodedLogs(db: SqlClient, records: string[]): Promise<void> {
  // SELECT * keeps the table's own column order, which is the composite type's.
  await db.query('INSERT INTO request_logs SELECT * FROM json_populate_recordset(NULL::request_logs, $1::json) ON CONFLICT DO NOTHING', [`[${records.join(',')}]`]);
}
