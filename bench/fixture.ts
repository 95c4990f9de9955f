// What the measurement runs against: the real embedded stack (Postgres, Temporal, worker; its own
// gateway and simulator stay idle), plus three dedicated, pinned processes started here — a
// simulator on core 0 (beside the load generator), and the bare proxy and a production-mode
// gateway on core 1 (only one of them is ever under load at a time). The stack is pinned to
// core 0 too, so the subject's core runs only the subject: left to float, Postgres writing the
// request log (a fifth to a third of a core at c=64) ran half the time on core 1, and the
// gateway's requests/s at c=64 was about a quarter lower than with Postgres kept off its core.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { request } from 'undici';
import { freePort } from '../runtime/ports.ts';
import { gatewayNodeArgs, gatewayProcessEnv, projectRoot } from '../runtime/paths.ts';
import { startTestStack, type TestStack } from '../test/helpers/stack.ts';
import { pinProcess, processName, processTree, renice, startPinned, stopAll, type BenchProcess } from './processes.ts';

export const SIM_CPU = 0;
export const SUBJECT_CPU = 1;
export const LOADGEN_CPU = 0;
/** Everything that is not the subject: Postgres, Temporal, the stack's idle processes. */
export const STACK_CPU = 0;
const POSTGRES_NICE = -10;

export interface Fixture {
  stack: TestStack;
  simulator: BenchProcess;
  proxy: BenchProcess;
  gateway: BenchProcess;
  /** The gateway's environment (production mode against the embedded stack). */
  gatewayEnv: NodeJS.ProcessEnv;
  /** Restarts the dedicated gateway with extra Node flags (profiling). */
  restartGateway(nodeFlags: string[]): Promise<BenchProcess>;
}

const logPath = (name: string) => path.join(os.tmpdir(), `switchyard-bench-${name}-${process.pid}.log`);

/**
 * Stops what a bench run started: its pinned processes, then the stack (its data folder removed).
 * Safe to call again (the interrupt handler and the run's `finally` may both call it).
 */
export async function stopBench(stack: TestStack | undefined): Promise<void> {
  await stopAll();
  await stack?.stop();
  await stack?.cleanup();
}

export async function startFixture(onStack: (stack: TestStack) => void): Promise<Fixture> {
  const stack = await startTestStack();
  onStack(stack);
  const stackPids = stack.process.pid === undefined ? [] : processTree(stack.process.pid);
  for (const pid of stackPids) pinProcess(pid, STACK_CPU);
  // Postgres gets its share of core 0 first: a deployment's log database keeps up with the
  // gateway, while here, starved by the simulator and the load generator, it fell behind by
  // 12,000 rows in the c=64 runs, and the gateway's RSS grew with the backlog it held.
  renice(stackPids.filter((pid) => processName(pid) === 'postgres'), POSTGRES_NICE);
  const { info, dataDir } = stack;
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { masterKey: string; keyPepper: string };

  const simPort = await freePort();
  const simulator = await startPinned({
    name: 'simulator', cpu: SIM_CPU, cwd: projectRoot, url: `http://127.0.0.1:${simPort}`, readyPath: '/_sim/health',
    nodeArgs: ['--import', 'tsx', 'simulator/main.ts'], logFile: logPath('simulator'),
    env: { ...process.env, SIMULATOR_PORT: String(simPort), SIMULATOR_HOST: '127.0.0.1' },
  });
  const upstream = `${simulator.url}/openai/v1`;

  // The gateway caches provider credentials for 30 s: point them at our simulator before it starts.
  const db = new pg.Client({ connectionString: info.databaseUrl });
  await db.connect();
  try {
    await db.query(`UPDATE provider_credentials SET base_url = $1 WHERE kind = 'openai'`, [upstream]);
  } finally {
    await db.end();
  }

  const proxyPort = await freePort();
  const proxy = await startPinned({
    name: 'bare-proxy', cpu: SUBJECT_CPU, cwd: projectRoot, url: `http://127.0.0.1:${proxyPort}`, readyPath: '/',
    nodeArgs: ['--import', 'tsx', 'bench/bare-proxy.ts'], logFile: logPath('proxy'),
    env: { ...process.env, UPSTREAM: upstream, PORT: String(proxyPort) },
  });

  const gatewayPort = await freePort();
  const gatewayEnv: NodeJS.ProcessEnv = {
    ...gatewayProcessEnv,
    ...process.env,
    NODE_ENV: 'production',
    SWITCHYARD_MODE: 'production',
    DATABASE_URL: info.databaseUrl,
    TEMPORAL_ADDRESS: info.temporalAddress,
    SWITCHYARD_MASTER_KEY: secrets.masterKey,
    SWITCHYARD_KEY_PEPPER: secrets.keyPepper,
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
  };
  const startGateway = (nodeFlags: string[]) =>
    startPinned({
      name: 'gateway', cpu: SUBJECT_CPU, cwd: projectRoot, url: `http://127.0.0.1:${gatewayPort}`, readyPath: '/v1/models',
      nodeArgs: [...nodeFlags, ...gatewayNodeArgs], logFile: logPath('gateway'), env: gatewayEnv,
    });
  const fixture: Fixture = {
    stack, simulator, proxy, gatewayEnv,
    gateway: await startGateway([]),
    async restartGateway(nodeFlags) {
      await fixture.gateway.stop();
      fixture.gateway = await startGateway(nodeFlags);
      return fixture.gateway;
    },
  };
  return fixture;
}

/** Merges a behaviour into one simulated model (`PATCH /_sim/models/{model}`). */
export async function patchModel(simulatorUrl: string, model: string, behaviour: Record<string, unknown>): Promise<void> {
  const response = await request(`${simulatorUrl}/_sim/models/${model}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(behaviour),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`PATCH /_sim/models/${model} answered ${response.statusCode}: ${text}`);
}

/** The simulator answering at once, rate limits lifted (so high concurrency never sees a 429). */
export const ZERO_LATENCY = { ttftMs: { mean: 0, jitter: 0 }, tokensPerSecond: { mean: 100_000_000, jitter: 0 }, rateLimit: { requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000_000 } };

export async function patchModels(simulatorUrl: string, models: readonly string[], behaviour: Record<string, unknown>): Promise<void> {
  for (const model of models) await patchModel(simulatorUrl, model, behaviour);
}
