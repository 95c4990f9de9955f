// Temporal connection options from the environment: the embedded dev server (plain, local) or a
// production cluster / Temporal Cloud (TLS with client certificates, or an API key which implies TLS).
import { readFileSync } from 'node:fs';
import type { TemporalEnv } from './env.ts';
import { StartupError } from './env.ts';

export interface TemporalConnectionSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  apiKey?: string;
  tls?: boolean | { clientCertPair: { crt: Buffer; key: Buffer } };
}

export function temporalSettingsFromEnv(env: TemporalEnv): TemporalConnectionSettings {
  if (!env.TEMPORAL_ADDRESS) throw new StartupError('TEMPORAL_ADDRESS is not set (host:port of the Temporal frontend)');
  const settings: TemporalConnectionSettings = {
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
  };
  if (env.TEMPORAL_API_KEY) {
    settings.apiKey = env.TEMPORAL_API_KEY;
    settings.tls = true;
  }
  if (env.TEMPORAL_TLS_CERT_PATH || env.TEMPORAL_TLS_KEY_PATH) {
    if (!env.TEMPORAL_TLS_CERT_PATH || !env.TEMPORAL_TLS_KEY_PATH) {
      throw new StartupError('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
    }
    settings.tls = {
      clientCertPair: { crt: readFileSync(env.TEMPORAL_TLS_CERT_PATH), key: readFileSync(env.TEMPORAL_TLS_KEY_PATH) },
    };
  } else if (env.TEMPORAL_TLS === 'true') {
    settings.tls = true;
  }
  return settings;
}

/** Options accepted by both `Connection.connect` and `NativeConnection.connect`. */
export function connectionOptions(settings: TemporalConnectionSettings) {
  return {
    address: settings.address,
    ...(settings.tls !== undefined ? { tls: settings.tls } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  };
}

/** Durable requests (cascade, ensemble) have their own task queue, served by the worker process
 * and by gateways' in-process workers; background jobs stay on the main one. */
export function requestsTaskQueue(settings: Pick<TemporalConnectionSettings, 'taskQueue'>): string {
  return `${settings.taskQueue}-requests`;
}
