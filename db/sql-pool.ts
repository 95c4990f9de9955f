// The plain-SQL pool of the gateway and the worker (db/sql.ts), with limits on how long anything
// may wait on Postgres. Without them a stuck database (a lock held by a migration, a full disk, a
// host that stopped answering) made whatever touched it wait forever: a key or config lookup
// (a client's request hung), or a request-log batch (the queue stopped writing and, once full,
// dropped rows). With them the wait ends in an error the caller already handles: the request
// fails with a clear 5xx, the log batch is retried after a backoff.
import pg from 'pg';

export interface SqlPoolOptions {
  databaseUrl: string;
  max: number;
  applicationName: string;
  /** Postgres cancels a statement that runs longer (a 2,000-row log batch takes < 1 s). */
  statementTimeoutMs?: number;
  /** The client gives up on a connection attempt, or on waiting for a free pooled one. */
  connectTimeoutMs?: number;
}

const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Beyond the statement timeout: for a server that no longer answers at all (the statement
 * timeout needs a server to enforce it). */
const CLIENT_GRACE_MS = 5_000;

/** The limits, as pg pool settings (also given to Prisma's pg adapter, db/client.ts). */
export function waitLimits(options: Pick<SqlPoolOptions, 'statementTimeoutMs' | 'connectTimeoutMs'> = {}) {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + CLIENT_GRACE_MS,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // Dead peers are noticed by TCP keepalive instead of on the next query.
    keepAlive: true,
  };
}

export function createSqlPool(options: SqlPoolOptions): pg.Pool {
  return new pg.Pool({ connectionString: options.databaseUrl, max: options.max, application_name: options.applicationName, ...waitLimits(options) });
}
