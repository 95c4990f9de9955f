// The /healthz report as the UI sees it. Types come from core/health.ts (type-only, so neither zod
// nor any server code reaches the bundle); the runtime check is a small hand-written guard that
// only verifies what the page relies on, and tolerates fields added later.
import type { ComponentHealth, ComponentName, ComponentStatus, HealthReport } from '../../../core/health.ts';

export type { ComponentHealth, ComponentName, ComponentStatus, HealthReport };

/** Display order of the components: storage first, then the processes that depend on it. */
export const COMPONENT_ORDER: readonly ComponentName[] = ['database', 'temporal', 'worker', 'gateway', 'simulator'];

export const COMPONENT_LABELS: Record<ComponentName, string> = {
  database: 'Database',
  temporal: 'Temporal',
  worker: 'Worker',
  gateway: 'Gateway',
  simulator: 'Provider simulator',
};

const COMPONENT_STATUSES: readonly string[] = ['up', 'down', 'disabled'] satisfies ComponentStatus[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const optional = (value: unknown, type: 'string' | 'number') => value === undefined || typeof value === type;

function isComponentHealth(value: unknown): value is ComponentHealth {
  return (
    isRecord(value) &&
    typeof value.status === 'string' &&
    COMPONENT_STATUSES.includes(value.status) &&
    optional(value.latencyMs, 'number') &&
    optional(value.version, 'string') &&
    optional(value.detail, 'string')
  );
}

export function isHealthReport(value: unknown): value is HealthReport {
  if (!isRecord(value) || !isRecord(value.components) || !isRecord(value.links)) return false;
  return (
    (value.status === 'ok' || value.status === 'degraded') &&
    typeof value.version === 'string' &&
    (value.mode === 'embedded' || value.mode === 'production') &&
    typeof value.startedAt === 'string' &&
    Object.values(value.components).every(isComponentHealth) &&
    typeof value.links.gateway === 'string' &&
    optional(value.links.temporalWeb, 'string') &&
    optional(value.links.simulator, 'string')
  );
}

/** The report's components in display order; names the UI does not know yet go last. */
export function orderedComponents(report: HealthReport): Array<[name: string, health: ComponentHealth]> {
  const entries = Object.entries(report.components) as Array<[string, ComponentHealth]>;
  const rank = (name: string) => {
    const index = (COMPONENT_ORDER as readonly string[]).indexOf(name);
    return index === -1 ? COMPONENT_ORDER.length : index;
  };
  return entries.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

export function componentLabel(name: string): string {
  return (COMPONENT_LABELS as Record<string, string | undefined>)[name] ?? name;
}
