// Runs `temporal server start-dev` (the Temporal CLI's embedded server: SQLite persistence and the
// Web UI) as a supervised child, and waits until its gRPC frontend answers.
import { Connection } from '@temporalio/client';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnManaged, type ManagedChild } from './child-process.ts';
import { waitFor } from './ports.ts';

export interface TemporalDevServerOptions {
  cliPath: string;
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
}

export interface TemporalDevServer {
  address: string;
  webUrl: string;
  child: ManagedChild;
  stop(): Promise<void>;
}

/**
 * The history service reads new transfer tasks (a workflow task to dispatch, an activity task)
 * and timer tasks at most `…MaxPollRPS` times a second, 20 by default: back-to-back workflows
 * then wait up to 50 ms per hop for the next read, which was the mysterious ~40 ms
 * WORKFLOW_TASK_SCHEDULED → STARTED gap (measured in docs/durable-strategies.md: a normal start
 * 50 → 10.5 ms, a regular-activity hop 50 → ~10 ms). Production clusters want the same values.
 */
export const LOW_LATENCY_DYNAMIC_CONFIG: ReadonlyArray<[string, string]> = [
  ['history.transferProcessorMaxPollRPS', '10000'],
  ['history.timerProcessorMaxPollRPS', '10000'],
  ['system.enableActivityEagerExecution', 'true'],
];

/** Start-up attempts when the dev server dies of a port taken under it (see startTemporalDevServer). */
const PORT_RACE_ATTEMPTS = 3;

/**
 * Starts the dev server. Besides the ports we give it, the CLI picks free ports for its internal
 * services itself; another process can take one between its pick and its bind, and the server
 * then exits ("bind: address already in use", seen on this shared machine). That case is retried.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const logFile = devServerLog(options.dataDir);
  for (let attempt = 1; ; attempt++) {
    // The log is appended to across starts: only what this attempt wrote says why it failed.
    const logStart = logSize(logFile);
    try {
      return await startOnce(options);
    } catch (error) {
      if (attempt >= PORT_RACE_ATTEMPTS || !lostPortRace(logFile, logStart)) throw error;
    }
  }
}

/** Where the dev server's output goes (appended across starts). */
const devServerLog = (dataDir: string) => path.join(dataDir, 'temporal.log');

function logSize(logFile: string): number {
  try {
    return statSync(logFile).size;
  } catch {
    return 0;
  }
}

function lostPortRace(logFile: string, from: number): boolean {
  try {
    return readFileSync(logFile).subarray(from).toString('utf8').includes('address already in use');
  } catch {
    return false;
  }
}

async function startOnce(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const address = `127.0.0.1:${options.port}`;
  const child = spawnManaged({
    name: 'temporal',
    command: options.cliPath,
    args: [
      'server', 'start-dev',
      '--db-filename', path.join(options.dataDir, 'temporal.sqlite'),
      '--ip', '127.0.0.1',
      '--port', String(options.port),
      '--ui-port', String(options.uiPort),
      '--namespace', options.namespace,
      '--log-level', 'warn',
      ...LOW_LATENCY_DYNAMIC_CONFIG.flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${value}`]),
      // Write-ahead log, fsync at checkpoints rather than every commit: survives a crash of any
      // process (what the embedded default is for); an OS crash may lose the last moments. About
      // +50% workflows/s at c=16 on this machine kind (measured in docs/durable-strategies.md).
      '--sqlite-pragma', 'journal_mode=wal',
      '--sqlite-pragma', 'synchronous=normal',
    ],
    logFile: devServerLog(options.dataDir),
  });
  let exited = false;
  void child.exited.then(() => { exited = true; });
  try {
    await waitFor('the Temporal dev server', async () => {
      if (exited) throw new Error(`it exited; see ${devServerLog(options.dataDir)}`);
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: options.namespace });
        return true;
      } finally {
        await connection.close();
      }
    }, 60_000, 200);
  } catch (error) {
    await child.stop(2000);
    throw error;
  }
  return { address, webUrl: `http://127.0.0.1:${options.uiPort}`, child, stop: () => child.stop(10_000) };
}
