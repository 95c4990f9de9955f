// Plain SQL on a node-postgres pool, for the gateway's hot path and everything beside it (key and
// config lookups, project settings, credentials, request logs, health). Prisma's client compiles
// every query in a WebAssembly query compiler; loading and tiering up that module alone grew the
// gateway's RSS by ~100 MB and its per-batch compiles stalled the event loop (see
// gateway/request-log/log-writer.ts). Prisma stays the client of the control plane (/api), which
// now loads it only when it is first used.
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';

/** What these readers and writers need of a connection: satisfied by pg.Pool and pg.Client. */
export interface SqlClient {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** A pool, for what needs a connection of its own for a while (COPY, a transaction): pg.Pool. */
export interface SqlPool extends SqlClient {
  connect(): Promise<PoolClient>;
}
