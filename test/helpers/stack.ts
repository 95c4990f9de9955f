// Starting a real Switchyard stack (the same supervisor `npm start` runs) in a temporary data
// folder on free ports. Used by the test harness (once per run) and by the supervisor tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../../runtime/ports.ts';
import { projectRoot } from '../../runtime/paths.ts';

export interface StackInfo {
  gatewayUrl: string;
  temporalWebUrl: string;
  simulatorUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  adminToken: string;
  demoApiKey: string;
}

export interface TestStack {
  info: StackInfo;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  logFile: string;
  /** SIGTERM, wait for a clean exit (SIGKILL after the grace period); returns the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** Removes the data folder (after stop). */
  cleanup(): Promise<void>;
}

export const TEST_ADMIN_TOKEN = 'sy_admin_test_0123456789abcdefghijklmnopqrstuvwxyz';
export const TEST_DEMO_API_KEY = 'sy_live_test_0123456789abcdefghijklmnopqrstuvwxyz';

export async function stackEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const [gateway, simulator, temporal, temporalUi, postgres] = (await freePorts(5)).map(String);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SWITCHYARD_DATA_DIR: dataDir,
    PORT: gateway,
    SIMULATOR_PORT: simulator,
    TEMPORAL_PORT: temporal,
    TEMPORAL_UI_PORT: temporalUi,
    POSTGRES_PORT: postgres,
    SWITCHYARD_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SWITCHYARD_DEMO_API_KEY: TEST_DEMO_API_KEY,
    // Short, so the 408 test need not wait the default 30 s.
    V1_BODY_TIMEOUT_MS: '1500',
    // Short ejections, so a test that makes a model fail does not leave it ejected for the next
    // file for long (test/v1/provider-health.test.ts checks the mechanics at this scale).
    SWITCHYARD_HEALTH_POLICY: JSON.stringify({ baseEjectionMs: 1500, maxEjectionMs: 6000 }),
    ...extra,
  };
  // A stack under test is always embedded, whatever the caller's shell has set.
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  return env;
}

/** Spawns `scripts/start.ts`; resolves once it has written run.json (everything is healthy). */
export async function startTestStack(options: { dataDir?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<TestStack> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'switchyard-test-'));
  const env = options.env ?? (await stackEnv(dataDir));
  const logFile = path.join(os.tmpdir(), `switchyard-stack-${path.basename(dataDir)}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/start.ts')], {
    cwd: projectRoot,
    env,
    // The IPC channel is how the stack learns that this process died without stopping it (killed,
    // or a closed pipe): scripts/start.ts then stops everything it started (exitWithParent).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const runFile = path.join(dataDir, 'run.json');
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (!existsSync(runFile)) {
    if (child.exitCode !== null) {
      throw new Error(`the stack exited with code ${child.exitCode} during start-up:\n${tail(logFile)}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the stack did not start in time:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const info = JSON.parse(readFileSync(runFile, 'utf8')) as StackInfo;

  const stop = async (graceMs = 30_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      log.end();
      return code;
    }
    log.end();
    return child.exitCode;
  };
  const cleanup = async () => {
    await rm(dataDir, { recursive: true, force: true });
  };
  return { info, dataDir, env, process: child, logFile, stop, cleanup };
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/** The stack that the test harness started for this run, from the environment it set. */
export function harnessStack(): StackInfo {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the suite with \`npm test\` (test/run.ts starts the stack)`);
    return value;
  };
  return {
    gatewayUrl: read('SWITCHYARD_GATEWAY_URL'),
    temporalWebUrl: read('SWITCHYARD_TEMPORAL_WEB_URL'),
    simulatorUrl: read('SWITCHYARD_SIMULATOR_URL'),
    databaseUrl: read('DATABASE_URL'),
    temporalAddress: read('TEMPORAL_ADDRESS'),
    adminToken: read('SWITCHYARD_ADMIN_TOKEN'),
    demoApiKey: read('SWITCHYARD_DEMO_API_KEY'),
  };
}
