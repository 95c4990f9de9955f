// Provider health: every target's breaker state and rolling window as this instance sees it,
// the views other instances published, the history of state changes, and a reset for operators.
// Health is shared infrastructure (one fleet serves every organisation), so any member may read it.
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { OperationContext } from './context.ts';
import { operation } from './operation.ts';
import { iso, Timestamp } from './schemas.ts';

const HealthState = z.enum(['healthy', 'cooling', 'ejected', 'half_open']);
const epoch = z.number().describe('Epoch milliseconds');

const TargetHealthView = z.object({
  target: z.string().describe('"provider/model" or "provider"'),
  scope: z.enum(['model', 'provider']),
  state: HealthState,
  consecutiveFailures: z.number().int(),
  ejections: z.number().int().describe('Ejections in a row; the next lasts this + 1 base periods'),
  ejectedUntil: epoch.optional(),
  coolingUntil: epoch.optional(),
  reason: z.string().optional(),
  window: z.object({
    requests: z.number().int(),
    failures: z.number().int(),
    errorRate: z.number(),
    p50Ms: z.number().optional(),
    p95Ms: z.number().optional(),
    ttftP50Ms: z.number().optional(),
    ttftP95Ms: z.number().optional(),
    latencySamples: z.number().int(),
    ttftSamples: z.number().int(),
  }),
  lastFailureKind: z.string().optional(),
  lastFailureAt: epoch.optional(),
  lastSuccessAt: epoch.optional(),
});

const HealthEventView = z.object({
  instanceId: z.string(),
  target: z.string(),
  scope: z.enum(['model', 'provider']),
  from: HealthState,
  to: HealthState,
  reason: z.string(),
  at: Timestamp,
});

function serviceOf(ctx: OperationContext) {
  ctx.authorizeAnyOrg();
  const service = ctx.services.providerHealth;
  if (!service) throw new ApiError(503, 'unavailable', 'Provider health is not tracked by this server');
  return service;
}

export const getProviderHealth = operation({
  id: 'health.providers',
  method: 'GET',
  path: '/health/providers',
  summary: "Provider health: this instance's live breakers and windows, and every instance's published view",
  role: 'viewer',
  input: z.object({}),
  output: z.object({
    instanceId: z.string(),
    generatedAt: Timestamp,
    policy: z.record(z.string(), z.number()).describe('The outlier-detection policy in force'),
    targets: z.array(TargetHealthView),
    instances: z.array(z.object({ instanceId: z.string(), updatedAt: Timestamp, targets: z.array(TargetHealthView) })),
  }),
  handler: async (_input, ctx) => {
    const service = serviceOf(ctx);
    const published = await service.published();
    return {
      instanceId: service.instanceId,
      generatedAt: iso(new Date()),
      policy: { ...service.policy },
      targets: service.local(),
      instances: published.map((view) => ({ instanceId: view.instanceId, updatedAt: iso(view.updatedAt), targets: view.targets })),
    };
  },
});

export const listProviderHealthEvents = operation({
  id: 'health.events',
  method: 'GET',
  path: '/health/events',
  summary: 'Recent provider health state changes (ejections, probes, cool-downs), newest first',
  role: 'viewer',
  input: z.object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    target: z.string().min(1).max(256).optional().describe('Only this target ("openai/gpt-4o-mini" or "openai")'),
  }),
  output: z.object({ events: z.array(HealthEventView) }),
  handler: async (input, ctx) => {
    const events = await serviceOf(ctx).recentEvents({ limit: input.limit, ...(input.target ? { target: input.target } : {}) });
    return { events: events.map((event) => ({ ...event, at: iso(new Date(event.at)) })) };
  },
});

export const resetProviderHealth = operation({
  id: 'health.reset',
  method: 'POST',
  path: '/health/providers/reset',
  summary: "Closes every breaker and clears every window on this instance (after an incident is over)",
  role: 'owner',
  input: z.object({}),
  output: z.object({ instanceId: z.string(), reset: z.literal(true) }),
  handler: async (_input, ctx) => {
    const service = serviceOf(ctx);
    await service.reset();
    return { instanceId: service.instanceId, reset: true as const };
  },
});

export const providerHealthOperations = [getProviderHealth, listProviderHealthEvents, resetProviderHealth];
