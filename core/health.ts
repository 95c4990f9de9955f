// The shape of GET /healthz: one entry per component of the running stack.
// Shared by the gateway (producer), the supervisor and tests (consumers) and the admin UI.
import { z } from 'zod';

export const ComponentName = z.enum(['database', 'temporal', 'worker', 'gateway', 'simulator']);
export type ComponentName = z.infer<typeof ComponentName>;

export const ComponentStatus = z.enum(['up', 'down', 'disabled']);
export type ComponentStatus = z.infer<typeof ComponentStatus>;

export const ComponentHealth = z.object({
  status: ComponentStatus,
  /** How long the check took, in milliseconds. */
  latencyMs: z.number().nonnegative().optional(),
  /** Version reported by the component, where it reports one. */
  version: z.string().optional(),
  /** One line for a human: why it is down, or what it is connected to. */
  detail: z.string().optional(),
});
export type ComponentHealth = z.infer<typeof ComponentHealth>;

export const HealthReport = z.object({
  /** ok when every enabled component is up. */
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  mode: z.enum(['embedded', 'production']),
  startedAt: z.string(),
  components: z.record(ComponentName, ComponentHealth),
  links: z.object({
    gateway: z.string(),
    temporalWeb: z.string().optional(),
    simulator: z.string().optional(),
  }),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** GET /livez: the gateway process alone, no dependency checked (a liveness probe must not fail
 * because Postgres or Temporal is down, and must not load the Temporal SDK to answer). */
export const LivenessReport = z.object({
  status: z.literal('ok'),
  version: z.string(),
  startedAt: z.string(),
  gateway: ComponentHealth,
});
export type LivenessReport = z.infer<typeof LivenessReport>;
