// Provider health in Postgres: each instance's published view (one row per instance, upserted)
// and the event history. Plain `pg` on the request-log pool: these writes run beside the hot path.
import type { SqlClient } from '../../db/sql.ts';
import type { HealthEvent, TargetHealthSnapshot } from '../../core/provider-health/health-types.ts';

export interface PublishedHealth {
  instanceId: string;
  updatedAt: Date;
  targets: TargetHealthSnapshot[];
}

export async function publishSnapshot(db: SqlClient, instanceId: string, targets: TargetHealthSnapshot[]): Promise<void> {
  await db.query(
    `INSERT INTO provider_health_snapshots (instance_id, targets, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (instance_id) DO UPDATE SET targets = EXCLUDED.targets, updated_at = EXCLUDED.updated_at`,
    [instanceId, JSON.stringify(targets)],
  );
}

export async function removeSnapshot(db: SqlClient, instanceId: string): Promise<void> {
  await db.query('DELETE FROM provider_health_snapshots WHERE instance_id = $1', [instanceId]);
}

/** Views published within `freshMs`; older rows belong to instances that stopped without saying so. */
export async function readSnapshots(db: SqlClient, freshMs: number): Promise<PublishedHealth[]> {
  const { rows } = await db.query<{ instance_id: string; updated_at: Date; targets: TargetHealthSnapshot[] }>(
    `SELECT instance_id, updated_at, targets FROM provider_health_snapshots
     WHERE updated_at > now() - make_interval(secs => $1) ORDER BY instance_id`,
    [freshMs / 1000],
  );
  return rows.map((row) => ({ instanceId: row.instance_id, updatedAt: row.updated_at, targets: row.targets }));
}

export async function writeEvents(db: SqlClient, instanceId: string, events: HealthEvent[]): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const tuples = events.map((event, i) => {
    values.push(instanceId, event.target, event.scope, event.from, event.to, event.reason, new Date(event.at));
    const o = i * 7;
    return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7})`;
  });
  await db.query(`INSERT INTO provider_health_events (instance_id, target, scope, from_state, to_state, reason, created_at) VALUES ${tuples.join(', ')}`, values);
}

export interface StoredHealthEvent extends HealthEvent {
  instanceId: string;
}

export async function readEvents(db: SqlClient, options: { limit: number; target?: string }): Promise<StoredHealthEvent[]> {
  const { rows } = await db.query<{ instance_id: string; target: string; scope: string; from_state: string; to_state: string; reason: string; created_at: Date }>(
    `SELECT instance_id, target, scope, from_state, to_state, reason, created_at FROM provider_health_events
     ${options.target ? 'WHERE target = $2' : ''} ORDER BY created_at DESC LIMIT $1`,
    options.target ? [options.limit, options.target] : [options.limit],
  );
  return rows.map((row) => ({
    instanceId: row.instance_id,
    target: row.target,
    scope: row.scope as HealthEvent['scope'],
    from: row.from_state as HealthEvent['from'],
    to: row.to_state as HealthEvent['to'],
    reason: row.reason,
    at: row.created_at.getTime(),
  }));
}
