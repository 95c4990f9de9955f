// Audit events and change notifications, written inside the caller's transaction so that a change,
// its audit record and its cache invalidation commit (or roll back) together. NOTIFY is
// transactional in Postgres: listeners only hear about committed changes.
import type { Prisma } from '../db/client.ts';
import { CHANNELS, type Channel } from './pg-listener.ts';

export type Tx = Prisma.TransactionClient;

/** Who made a change: a readable label ("user:<id>", "system:seed") and the user, when there is one. */
export interface Actor {
  label: string;
  userId: string | null;
}

export interface AuditInput {
  orgId: string;
  projectId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

export async function writeAuditEvent(tx: Tx, actor: Actor, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...event, actor: actor.label, actorUserId: actor.userId } });
}

export async function notify(tx: Tx, channel: Channel, payload: object): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${channel}, ${JSON.stringify(payload)})`;
}

export interface ConfigChangedPayload {
  projectId: string;
  name: string;
}

export const notifyConfigChanged = (tx: Tx, payload: ConfigChangedPayload) => notify(tx, CHANNELS.configChanged, payload);

export interface ApiKeyChangedPayload {
  keyId: string;
}

export const notifyApiKeyChanged = (tx: Tx, payload: ApiKeyChangedPayload) => notify(tx, CHANNELS.apiKeyChanged, payload);

/** A project's settings or its organisation's catalog overrides changed. */
export interface SettingsChangedPayload {
  orgId: string;
  projectId?: string;
}
export const notifySettingsChanged = (tx: Tx, payload: SettingsChangedPayload) => notify(tx, CHANNELS.settingsChanged, payload);
