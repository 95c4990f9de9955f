// The gateway's connection to Temporal, made lazily and remade after failures: the fast path must
// keep serving when Temporal is briefly unreachable, and /healthz must say so rather than crash.
// The SDK itself is imported on the first connect: a gateway that serves only the fast path and
// is never asked for /healthz does not carry its ~40 MB (gRPC, protobuf definitions).
import type { Client, Connection } from '@temporalio/client';
import { connectionOptions, type TemporalConnectionSettings } from '../runtime/temporal-connection.ts';

export class TemporalLink {
  private pending: Promise<{ connection: Connection; client: Client }> | undefined;

  constructor(readonly settings: TemporalConnectionSettings) {}

  async client(): Promise<Client> {
    return (await this.connect()).client;
  }

  async connection(): Promise<Connection> {
    return (await this.connect()).connection;
  }

  private connect() {
    this.pending ??= (async () => {
      const { Client, Connection } = await import('@temporalio/client');
      const connection = await Connection.connect({ ...connectionOptions(this.settings), connectTimeout: 2000 });
      return { connection, client: new Client({ connection, namespace: this.settings.namespace }) };
    })();
    this.pending.catch(() => { this.pending = undefined; });
    return this.pending;
  }

  async close(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) await pending.then(({ connection }) => connection.close(), () => undefined);
  }
}
