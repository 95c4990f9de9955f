// Writes batches of request-log rows with COPY, on a plain `pg` pool. Prisma's createMany compiled
// a new query plan (in its wasm query compiler) for every batch size, which under load cost about
// a quarter of the gateway's CPU; after it, `INSERT … SELECT FROM json_populate_recordset($1)`
// made Postgres parse every record twice (the JSON array, then each jsonb column from its text):
// ~57 µs of backend CPU per row, against ~21 µs for COPY's text format (4,000-row batches of
// `@production` rows, measured on the backend's /proc stat). Sharing a core with the rest of the
// stack, Postgres fell thousands of rows behind at a few thousand requests/s and the gateway held
// the backlog in memory.
//
// Each row is one line of COPY's text format, encoded when the request finishes; the batch is the
// lines concatenated. COPY cannot skip rows already written, so a batch that meets a duplicate id
// (a retry after an ambiguous failure, or a retried durable activity) is written again through a
// session-local staging table with `ON CONFLICT DO NOTHING`.
import pg, { type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlPool } from '../../db/sql.ts';
import type { RequestLogRow } from './log-row.ts';

/** Prisma field → request_logs column, in the order of the COPY column list. */
const COLUMNS = [
  ['id', 'id'],
  ['projectId', 'project_id'],
  ['apiKeyId', 'api_key_id'],
  ['configId', 'config_id'],
  ['configVersionId', 'config_version_id'],
  ['requestedModel', 'requested_model'],
  ['provider', 'provider'],
  ['model', 'model'],
  ['status', 'status'],
  ['httpStatus', 'http_status'],
  ['errorClass', 'error_class'],
  ['inputTokens', 'input_tokens'],
  ['outputTokens', 'output_tokens'],
  ['cachedTokens', 'cached_tokens'],
  ['reasoningTokens', 'reasoning_tokens'],
  ['costUsd', 'cost_usd'],
  ['latencyMs', 'latency_ms'],
  ['ttftMs', 'ttft_ms'],
  ['stream', 'stream'],
  ['endUser', 'end_user'],
  ['tags', 'tags'],
  ['trace', 'trace'],
  ['requestBody', 'request_body'],
  ['responseBody', 'response_body'],
  ['workflowId', 'workflow_id'],
  ['workflowRunId', 'workflow_run_id'],
  ['createdAt', 'created_at'],
  ['variant', 'variant'],
] as const satisfies ReadonlyArray<readonly [keyof RequestLogRow, string]>;

/** A row field missing from COLUMNS would silently never be written: make it a compile error. */
type MissingColumn = Exclude<keyof RequestLogRow, (typeof COLUMNS)[number][0]>;
const everyFieldHasAColumn: [MissingColumn] extends [never] ? true : MissingColumn = true;
void everyFieldHasAColumn;

const COLUMN_LIST = COLUMNS.map(([, column]) => column).join(', ');
const COPY_INTO_LOGS = `COPY request_logs (${COLUMN_LIST}) FROM STDIN`;
const STAGING_TABLE = 'request_logs_incoming';

/**
 * One row as a line of COPY's text format: fields separated by tabs, `\N` for NULL (so every
 * column with a non-null default must be filled by the row; toLogRow does), JSON columns as their
 * JSON text. Postgres cannot store U+0000 in text or jsonb, and one such row used to fail its
 * whole batch again and again; it becomes U+FFFD here.
 */
export function encodeLogRecord(row: RequestLogRow): string {
  let line = '';
  for (let i = 0; i < COLUMNS.length; i++) {
    if (i > 0) line += '\t';
    line += copyField(row[COLUMNS[i]![0]]);
  }
  return `${line}\n`;
}

function copyField(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return copyText(value);
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return '\\N';
    default:
      if (value === null) return '\\N';
      if (value instanceof Date) return value.toISOString();
      return copyJson(JSON.stringify(value));
  }
}

const TEXT_SPECIALS = /[\\\n\r\t\0]/;
/** The same characters, for replace (a global pattern keeps state between test() calls). */
const TEXT_SPECIALS_ALL = new RegExp(TEXT_SPECIALS.source, 'g');
const TEXT_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\uFFFD' };

/** Backslash, newline, carriage return and tab escaped as COPY reads them; NUL replaced. */
function copyText(text: string): string {
  return TEXT_SPECIALS.test(text) ? text.replace(TEXT_SPECIALS_ALL, (special) => TEXT_ESCAPES[special]!) : text;
}

/**
 * JSON text (which never holds a raw newline or tab) for COPY: each backslash doubled, and the
 * escape `\u0000`, which jsonb rejects, turned into `\ufffd`. The pattern consumes `\\` pairs
 * first, so an escaped backslash followed by "u0000" is left as the text it is.
 */
function copyJson(json: string): string {
  if (!json.includes('\\')) return json;
  return json.replace(/\\(\\|u0000)?/g, (_match, escaped: string | undefined) => (escaped === undefined ? '\\\\' : escaped === '\\' ? '\\\\\\\\' : '\\\\ufffd'));
}

/** Encodes and writes rows (the durable activity's single row, tests). */
export async function writeRequestLogs(pool: SqlPool, rows: RequestLogRow[]): Promise<void> {
  await writeEncodedLogs(pool, rows.map((row) => Buffer.from(encodeLogRecord(row), 'utf8')));
}

/** Writes rows encoded by encodeLogRecord (as UTF-8 bytes); ids already written are skipped. */
export async function writeEncodedLogs(pool: SqlPool, records: Buffer[]): Promise<void> {
  if (records.length === 0) return;
  const data = Buffer.concat(records);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    try {
      await copyIn(client, COPY_INTO_LOGS, data);
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
      await copyInSkippingDuplicates(client, data);
    }
  } catch (error) {
    // A failure that is not Postgres's answer to a statement may have left the connection unusable.
    if (sqlState(error) === undefined) broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function copyIn(client: PoolClient, statement: string, data: Buffer): Promise<void> {
  const stream = client.query(copyFrom(statement));
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.once('finish', resolve);
    stream.end(data);
  });
}

async function copyInSkippingDuplicates(client: PoolClient, data: Buffer): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${STAGING_TABLE} (LIKE request_logs) ON COMMIT DELETE ROWS`);
    await copyIn(client, `COPY ${STAGING_TABLE} (${COLUMN_LIST}) FROM STDIN`, data);
    await client.query(`INSERT INTO request_logs (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM ${STAGING_TABLE} ON CONFLICT DO NOTHING`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE of an error Postgres returned; undefined for network and client-side failures. */
function sqlState(error: unknown): string | undefined {
  return error instanceof pg.DatabaseError ? error.code : undefined;
}

/**
 * Postgres refused the data itself (a data exception or an integrity violation: a value too long,
 * out of range, malformed): writing the same rows again would fail the same way, so the queue
 * narrows the batch down to the rows at fault instead of retrying it.
 */
export function isRejectedData(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && (state.startsWith('22') || state.startsWith('23'));
}
