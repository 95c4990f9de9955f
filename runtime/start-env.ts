// What `npm start` (the supervisor) reads. Each embedded piece starts only when its production
// counterpart is not configured: no DATABASE_URL → embedded Postgres; no TEMPORAL_ADDRESS → the
// Temporal dev server. With both set, nothing embedded starts (production mode).
import path from 'node:path';
import { z } from 'zod';
import { databaseUrl, keyPepper, pinnedSecret, port, TemporalEnv } from './env.ts';
import { defaultDataDir } from './paths.ts';

export const StartEnv = TemporalEnv.extend({
  PORT: port(8080),
  SIMULATOR_PORT: port(8089),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  POSTGRES_PORT: port(5488),
  DATABASE_URL: databaseUrl.optional(),
  SWITCHYARD_DATA_DIR: z.string().min(1).default(defaultDataDir).transform((dir) => path.resolve(dir)),
  SWITCHYARD_ADMIN_TOKEN: pinnedSecret,
  SWITCHYARD_DEMO_API_KEY: pinnedSecret,
  /** 32 bytes, base64 or hex; the embedded default generates one and keeps it in the data folder. */
  SWITCHYARD_MASTER_KEY: z.string().min(1).optional(),
  /** Server-side pepper for API key hashes; generated and kept like the master key when unset. */
  SWITCHYARD_KEY_PEPPER: keyPepper.optional(),
});
export type StartEnv = z.infer<typeof StartEnv>;
