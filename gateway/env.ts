// What the gateway process reads from its environment.
import { z } from 'zod';
import { optionalUrl, port, TemporalEnv } from '../runtime/env.ts';

export const GatewayEnv = TemporalEnv.extend({
  PORT: port(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** Base URL of the provider simulator, when one runs beside the gateway (embedded default, tests). */
  SIMULATOR_URL: optionalUrl,
  SWITCHYARD_MODE: z.enum(['embedded', 'production']).default('production'),
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;
