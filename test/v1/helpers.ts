// Shared pieces of the /v1 tests: an official OpenAI client pointed at the running gateway,
// the simulator's control API, and reading a request's stored log row.
import OpenAI from 'openai';
import pg from 'pg';
import { api } from '../helpers/admin-api.ts';
import { harnessStack } from '../helpers/stack.ts';

export function gatewayClient(apiKey = harnessStack().demoApiKey): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${harnessStack().gatewayUrl}/v1`, maxRetries: 0, timeout: 20_000 });
}

export async function simulatorPatch(model: string, behaviour: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${harnessStack().simulatorUrl}/_sim/models/${model}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(behaviour),
  });
  if (!response.ok) throw new Error(`simulator PATCH ${model}: ${response.status} ${await response.text()}`);
}

/**
 * A clean slate upstream: the simulator's default behaviour, and the gateway's provider health
 * forgotten (a model a previous test made fail would otherwise still be ejected or cooling).
 */
export async function resetUpstreams(): Promise<void> {
  const response = await fetch(`${harnessStack().simulatorUrl}/_sim/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`simulator reset: ${response.status}`);
  const health = await api('POST', '/health/providers/reset');
  if (health.status !== 200) throw new Error(`provider health reset: ${health.status} ${JSON.stringify(health.body)}`);
}

export interface StoredLog {
  id: string;
  status: string;
  http_status: number;
  model: string | null;
  provider: string | null;
  error_class: string | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: string;
  stream: boolean;
  tags: Record<string, string>;
  trace: {
    strategy: string;
    plan: string[];
    outcome: string;
    winner?: number;
    committedToClient: boolean;
    config?: { name: string; version: number };
    attempts: Array<{ model: string; provider: string; outcome: string; errorKind?: string; reason: string; costUsd: number; latencyMs: number }>;
  };
}

let pool: pg.Pool | undefined;

/** Waits for the batched log writer to store the row (it flushes every ~200 ms). */
export async function storedLog(requestId: string, timeoutMs = 5_000): Promise<StoredLog> {
  pool ??= new pg.Pool({ connectionString: harnessStack().databaseUrl, max: 2 });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<StoredLog>('SELECT * FROM request_logs WHERE id = $1', [requestId]);
    if (rows[0]) return rows[0];
    if (Date.now() > deadline) throw new Error(`no request_logs row for ${requestId} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function closePool(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
