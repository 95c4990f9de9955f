// The gateway's provider health: the live registry the router admits and records through, its
// events written to Postgres (off the hot path, through the same bounded queue as request logs),
// and the instance's view published every few seconds for the other instances and the API.
import { hostname } from 'node:os';
import type { SqlClient } from '../../db/sql.ts';
import { HealthRegistry } from '../../core/provider-health/health-registry.ts';
import type { Outcome } from '../../core/provider-health/health-registry.ts';
import type { Admission, HealthEvent, HealthView, TargetHealthSnapshot } from '../../core/provider-health/health-types.ts';
import type { OutlierPolicy } from '../../core/provider-health/outlier-policy.ts';
import { randomBase62 } from '../security/api-keys.ts';
import { LogQueue } from '../request-log/log-queue.ts';
import type { AttemptHealth } from '../router/run-attempts.ts';
import { publishSnapshot, readEvents, readSnapshots, removeSnapshot, writeEvents, type PublishedHealth, type StoredHealthEvent } from './health-store.ts';

const PUBLISH_INTERVAL_MS = 2_000;
/** A published view older than this is from an instance that is gone. */
const FRESH_MS = 30_000;

export interface ProviderHealthServiceOptions {
  db: SqlClient;
  policy?: Partial<OutlierPolicy>;
  log?: (line: string) => void;
}

export class ProviderHealthService implements AttemptHealth, HealthView {
  readonly instanceId = `${hostname()}:${process.pid}:${randomBase62(6)}`;
  /** Replaced whole by reset(); read it through the methods below. */
  private registry: HealthRegistry;
  private readonly events: LogQueue<HealthEvent>;
  private readonly timer: NodeJS.Timeout;
  private publishedVersion = -1;
  private publishedAt = 0;
  private publishing: Promise<void> | undefined;

  constructor(private readonly options: ProviderHealthServiceOptions) {
    const log = options.log ?? (() => {});
    this.events = new LogQueue<HealthEvent>({
      write: (events) => writeEvents(options.db, this.instanceId, events),
      maxQueued: 10_000,
      onError: (error) => log(`provider health events: write failed (kept, will retry): ${error instanceof Error ? error.message : String(error)}`),
    });
    this.registry = this.newRegistry();
    this.timer = setInterval(() => void this.publish(), PUBLISH_INTERVAL_MS);
    this.timer.unref();
  }

  admit(provider: string, model: string): Admission {
    return this.registry.admit(provider, model);
  }

  record(provider: string, model: string, outcome: Outcome): void {
    this.registry.record(provider, model, outcome);
  }

  model(provider: string, model: string): TargetHealthSnapshot | undefined {
    return this.registry.model(provider, model);
  }

  provider(provider: string): TargetHealthSnapshot | undefined {
    return this.registry.provider(provider);
  }

  get policy(): OutlierPolicy {
    return this.registry.policy;
  }

  /** This instance's live view. */
  local(): TargetHealthSnapshot[] {
    return this.registry.snapshot();
  }

  /** Every instance's published view (this one's included once it has published). */
  async published(): Promise<PublishedHealth[]> {
    return readSnapshots(this.options.db, FRESH_MS);
  }

  async recentEvents(options: { limit: number; target?: string }): Promise<StoredHealthEvent[]> {
    await this.events.flush(2_000);
    return readEvents(this.options.db, options);
  }

  /** Forgets every breaker and window (an operator closing breakers after an incident). */
  async reset(): Promise<void> {
    this.registry = this.newRegistry();
    await this.publish(true);
  }

  /** Publishes the view when it changed (or every 10 s, to stay fresh); failures wait for the next tick. */
  async publish(force = false): Promise<void> {
    if (this.publishing) return this.publishing;
    const version = this.registry.version;
    if (!force && version === this.publishedVersion && Date.now() - this.publishedAt < FRESH_MS / 3) return;
    this.publishing = publishSnapshot(this.options.db, this.instanceId, this.registry.snapshot())
      .then(() => {
        this.publishedVersion = version;
        this.publishedAt = Date.now();
      })
      .catch((error: unknown) => this.options.log?.(`provider health: publish failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.publishing = undefined;
      });
    return this.publishing;
  }

  /** Writes the queued events and withdraws this instance's view. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.publishing;
    await this.events.flush();
    this.events.close();
    await removeSnapshot(this.options.db, this.instanceId).catch(() => {});
  }

  private newRegistry(): HealthRegistry {
    return new HealthRegistry({
      ...(this.options.policy ? { policy: this.options.policy } : {}),
      onEvent: (event) => {
        this.events.push(event);
        this.options.log?.(`provider health: ${event.target} ${event.from} → ${event.to}: ${event.reason}`);
      },
    });
  }
}
