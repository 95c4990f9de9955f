// Environment parsing for every Switchyard process. Each role (supervisor, gateway, worker)
// declares the variables it needs as a zod object; a missing or malformed value stops start-up
// with one clear line naming the variable, before anything is started.
import { z } from 'zod';

export class EnvError extends Error {
  override name = 'EnvError';
}

export const port = (fallback: number) =>
  z.coerce.number().int().min(1, 'must be a TCP port (1-65535)').max(65535, 'must be a TCP port (1-65535)').default(fallback);

/** Secrets that users may pin (admin token, demo key): any string of 32 or more characters. */
export const pinnedSecret = z.string().min(32, 'must be at least 32 characters long').optional();

export const optionalUrl = z.url({ message: 'must be a URL' }).optional();

/** DATABASE_URL, for every role that talks to Postgres. */
export const databaseUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

/** SWITCHYARD_KEY_PEPPER: the server-side pepper of API key and admin token hashes. */
export const keyPepper = z.string().min(32, 'must be at least 32 characters long');

/** Temporal connection settings, shared by the gateway, the worker and production-mode start. */
export const TemporalEnv = z.object({
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('switchyard'),
  /** Temporal Cloud: an API key implies TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  /** Base URL of Temporal Web, used for links from request logs and the UI. */
  TEMPORAL_WEB_URL: optionalUrl,
});
export type TemporalEnv = z.infer<typeof TemporalEnv>;

/** Parses `source` with `schema`; throws an EnvError naming the first bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.join('.') || '(environment)';
  const raw = source[String(issue.path[0])];
  const shown = raw === undefined ? 'is not set' : `is ${JSON.stringify(redact(name, raw))}`;
  throw new EnvError(`Environment variable ${name} ${shown}: ${issue.message}`);
}

function redact(name: string, value: string): string {
  return /TOKEN|KEY|SECRET|PASSWORD|URL/.test(name) ? `${value.slice(0, 4)}…` : value;
}

/** Runs `main`, printing an EnvError (or any start-up error) as one line and exiting 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof EnvError || error instanceof StartupError) {
      console.error(`switchyard: ${error.message}`);
    } else {
      console.error('switchyard: start-up failed:', error);
    }
    process.exit(1);
  });
}

/** A start-up failure with a message meant for the user (port in use, tool missing...). */
export class StartupError extends Error {
  override name = 'StartupError';
}
