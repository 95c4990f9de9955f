// One dedicated Postgres connection that LISTENs for change notifications, so every gateway
// instance can keep caches in memory and still see each change within a second. The connection
// reconnects with exponential backoff; because notifications sent while it was down are lost,
// subscribers are told to drop everything they cached ("reset") whenever it (re)connects after a
// loss, and they must not trust their caches while `listening` is false.
import pg from 'pg';

export const CHANNELS = {
  configChanged: 'switchyard_config_changed',
  apiKeyChanged: 'switchyard_api_key_changed',
  settingsChanged: 'switchyard_settings_changed',
} as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

type NotificationHandler = (payload: string) => void;

export interface PgListenerOptions {
  databaseUrl: string;
  /** Backoff bounds for reconnection (defaults 100 ms → 5 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Shown in pg_stat_activity (default "switchyard-listener"). */
  applicationName?: string;
  log?: (line: string) => void;
}

export class PgListener {
  #client: pg.Client | undefined;
  #listening = false;
  #closed = false;
  #backoffMs: number;
  #retryTimer: NodeJS.Timeout | undefined;
  #everConnected = false;
  readonly #handlers = new Map<string, Set<NotificationHandler>>();
  readonly #resetHandlers = new Set<() => void>();
  readonly #options: Required<Omit<PgListenerOptions, 'log'>> & Pick<PgListenerOptions, 'log'>;
  #firstConnection: Promise<void> | undefined;

  constructor(options: PgListenerOptions) {
    this.#options = { minBackoffMs: 100, maxBackoffMs: 5_000, applicationName: 'switchyard-listener', ...options };
    this.#backoffMs = this.#options.minBackoffMs;
  }

  /** True while notifications are being received; caches are only trustworthy then. */
  get listening(): boolean {
    return this.#listening;
  }

  subscribe(channel: Channel, handler: NotificationHandler): void {
    let set = this.#handlers.get(channel);
    if (!set) this.#handlers.set(channel, (set = new Set()));
    set.add(handler);
  }

  /** Called whenever notifications may have been missed (connection lost, reconnected). */
  onReset(handler: () => void): void {
    this.#resetHandlers.add(handler);
  }

  /** Connects (once); resolves when the first LISTEN is in place, or rejects on the first failure. */
  start(): Promise<void> {
    this.#firstConnection ??= this.#connect();
    return this.#firstConnection;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#listening = false;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#options.databaseUrl, keepAlive: true, application_name: this.#options.applicationName });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    this.#client = client;
    await client.connect();
    for (const channel of Object.values(CHANNELS)) await client.query(`LISTEN ${channel}`);
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#listening = true;
    this.#backoffMs = this.#options.minBackoffMs;
    // Anything cached before this connection may be stale: changes made while we were not
    // listening were never announced to us.
    if (this.#everConnected) this.#reset();
    this.#everConnected = true;
  }

  #lost(client: pg.Client): void {
    if (client !== this.#client) return;
    this.#client = undefined;
    this.#listening = false;
    this.#reset();
    client.end().catch(() => {});
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#retryTimer) return;
    const delay = this.#backoffMs;
    this.#backoffMs = Math.min(this.#backoffMs * 2, this.#options.maxBackoffMs);
    this.#options.log?.(`pg-listener: connection lost; reconnecting in ${delay} ms`);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#connect().catch((error: unknown) => {
        this.#options.log?.(`pg-listener: reconnect failed: ${error instanceof Error ? error.message : String(error)}`);
        if (this.#client) this.#lost(this.#client);
        else this.#scheduleReconnect();
      });
    }, delay);
    this.#retryTimer.unref();
  }

  #reset(): void {
    for (const handler of this.#resetHandlers) handler();
  }
}
