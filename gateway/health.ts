// GET /healthz: checks each component of the stack with a short timeout, in parallel, and caches
// the report briefly so a burst of probes does not become a burst of upstream checks.
import type { SqlClient } from '../db/sql.ts';
import type { ComponentHealth, ComponentName, HealthReport, LivenessReport } from '../core/health.ts';
import type { TemporalLink } from './temporal-link.ts';
import type { LogQueueStats } from './request-log/log-queue.ts';
import { switchyardVersion } from './version.ts';

export interface HealthDeps {
  db: SqlClient;
  temporal: TemporalLink;
  simulatorUrl?: string;
  temporalWebUrl?: string;
  gatewayUrl: string;
  mode: 'embedded' | 'production';
  startedAt: Date;
  /** The request-log queue's counters, shown with the gateway (depth, written, dropped, rejected). */
  logQueue?: () => LogQueueStats;
}

const CHECK_TIMEOUT_MS = 2000;
const CACHE_MS = 1000;
/** A worker counts as up when it polled the task queue this recently. */
const POLLER_FRESH_MS = 90_000;

export function createHealthCheck(deps: HealthDeps) {
  let cached: { at: number; report: Promise<HealthReport> } | undefined;
  return (): Promise<HealthReport> => {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, report: buildReport(deps) };
    return cached.report;
  };
}

/** The /livez answer: this process and its request-log queue, nothing it depends on. */
export function livenessReport(deps: Pick<HealthDeps, 'startedAt' | 'logQueue'>): LivenessReport {
  return { status: 'ok', version: switchyardVersion, startedAt: deps.startedAt.toISOString(), gateway: { status: 'up', version: switchyardVersion, detail: gatewayDetail(deps) } };
}

async function buildReport(deps: HealthDeps): Promise<HealthReport> {
  const checks: Record<ComponentName, () => Promise<ComponentHealth>> = {
    gateway: async () => ({ status: 'up', version: switchyardVersion, detail: gatewayDetail(deps) }),
    database: () => checkDatabase(deps.db),
    temporal: () => checkTemporal(deps.temporal),
    worker: () => checkWorker(deps.temporal),
    simulator: () => checkSimulator(deps.simulatorUrl),
  };
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await timed(check)] as const),
  );
  const components = Object.fromEntries(entries) as Record<ComponentName, ComponentHealth>;
  const allUp = Object.values(components).every((c) => c.status !== 'down');
  return {
    status: allUp ? 'ok' : 'degraded',
    version: switchyardVersion,
    mode: deps.mode,
    startedAt: deps.startedAt.toISOString(),
    components,
    links: {
      gateway: deps.gatewayUrl,
      ...(deps.temporalWebUrl ? { temporalWeb: deps.temporalWebUrl } : {}),
      ...(deps.simulatorUrl ? { simulator: deps.simulatorUrl } : {}),
    },
  };
}

function gatewayDetail(deps: Pick<HealthDeps, 'logQueue'>): string {
  const queue = deps.logQueue?.();
  if (!queue) return `pid ${process.pid}`;
  return `pid ${process.pid}; request log: ${queue.queued} queued, ${queue.written} written, ${queue.dropped} dropped, ${queue.rejected} rejected`;
}

async function timed(check: () => Promise<ComponentHealth>): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    const result = await Promise.race([check(), timeout]);
    return { latencyMs: Math.round((performance.now() - started) * 10) / 10, ...result };
  } catch (error) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function checkDatabase(db: SqlClient): Promise<ComponentHealth> {
  const { rows } = await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
  return { status: 'up', version: `PostgreSQL ${rows[0]?.version ?? '?'}` };
}

async function checkTemporal(link: TemporalLink): Promise<ComponentHealth> {
  const connection = await link.connection();
  const info = await connection.workflowService.getSystemInfo({});
  const cluster = await connection.workflowService.getClusterInfo({});
  return {
    status: 'up',
    version: `server ${cluster.serverVersion || info.serverVersion || '?'}`,
    detail: `${link.settings.address}, namespace ${link.settings.namespace}`,
  };
}

async function checkWorker(link: TemporalLink): Promise<ComponentHealth> {
  const connection = await link.connection();
  // Loaded with the connection (see TemporalLink): the proto module alone is tens of MB.
  const { default: protos } = await import('@temporalio/proto');
  const response = await connection.workflowService.describeTaskQueue({
    namespace: link.settings.namespace,
    taskQueue: { name: link.settings.taskQueue },
    taskQueueType: protos.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  const fresh = (response.pollers ?? []).filter((poller) => {
    const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
    return Date.now() - seconds * 1000 < POLLER_FRESH_MS;
  });
  if (fresh.length === 0) return { status: 'down', detail: `no worker is polling task queue "${link.settings.taskQueue}"` };
  return { status: 'up', detail: `${fresh.length} poller(s): ${fresh.map((p) => p.identity).join(', ')}` };
}

async function checkSimulator(url: string | undefined): Promise<ComponentHealth> {
  if (!url) return { status: 'disabled', detail: 'no simulator configured (SIMULATOR_URL unset)' };
  const response = await fetch(new URL('/_sim/health', url), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
  if (!response.ok) return { status: 'down', detail: `HTTP ${response.status}` };
  const body = (await response.json()) as { version?: unknown };
  return { status: 'up', detail: url, ...(typeof body.version === 'string' ? { version: body.version } : {}) };
}
