// What the gateway process reads from its environment.
import { z } from 'zod';
import { databaseUrl, keyPepper, optionalUrl, port, TemporalEnv } from '../runtime/env.ts';

const positiveMs = z.number().int().min(1).max(86_400_000);
const HealthPolicyOverrides = z.strictObject({
  consecutiveFailures: z.number().int().min(1).max(1000),
  providerConsecutiveFailures: z.number().int().min(1).max(1000),
  baseEjectionMs: positiveMs,
  maxEjectionMs: positiveMs,
  maxEjectionPercent: z.number().min(0).max(100),
  windowMs: positiveMs,
  defaultCooldownMs: positiveMs,
  quotaCooldownMs: positiveMs,
  maxCooldownMs: positiveMs,
  probeTimeoutMs: positiveMs,
}).partial();

export const GatewayEnv = TemporalEnv.extend({
  PORT: port(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: databaseUrl,
  /** Base URL of the provider simulator, when one runs beside the gateway (embedded default, tests). */
  SIMULATOR_URL: optionalUrl,
  SWITCHYARD_MODE: z.enum(['embedded', 'production']).default('production'),
  /** Decrypts provider credentials (32 bytes, base64 or hex). */
  SWITCHYARD_MASTER_KEY: z.string().min(1),
  /** Largest /v1 request body accepted before buffering stops (express/bytes syntax). */
  V1_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 20mb').default('20mb'),
  /** How long a client may take to send a /v1 request body before it gets a 408. */
  V1_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Where cascade and ensemble run: Temporal workflows (durable, the default) or in-process (no crash safety). */
  SWITCHYARD_DURABLE_EXECUTION: z.enum(['temporal', 'in-process']).default('temporal'),
  /** Host a Temporal worker in the gateway for durable requests (eager start, local activities). */
  SWITCHYARD_GATEWAY_WORKER: z.enum(['on', 'off']).default('on'),
  /** Provider calls of durable requests as local activities (fewer server round trips) or regular ones. */
  SWITCHYARD_DURABLE_ACTIVITIES: z.enum(['local', 'remote']).default('local'),
  /**
   * Overrides of the outlier-detection policy (core/provider-health/outlier-policy.ts) as JSON,
   * e.g. {"consecutiveFailures":3,"baseEjectionMs":10000}.
   */
  SWITCHYARD_HEALTH_POLICY: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(HealthPolicyOverrides.optional()),
  /** Server-side pepper of API key and admin token hashes; the same value on every instance. */
  SWITCHYARD_KEY_PEPPER: keyPepper,
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;
