// Runs `temporal server start-dev` (the Temporal CLI's embedded server: SQLite persistence and the
// Web UI) as a supervised child, and waits until its gRPC frontend answers.
import { Connection } from '@temporalio/client';
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

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
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
    ],
    logFile: path.join(options.dataDir, 'temporal.log'),
  });
  let exited = false;
  void child.exited.then(() => { exited = true; });
  try {
    await waitFor('the Temporal dev server', async () => {
      if (exited) throw new Error(`it exited; see ${path.join(options.dataDir, 'temporal.log')}`);
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
