// The Temporal worker process (`npm run worker`): hosts workflows/ and activities/ on the task
// queue. Scales out by running more of these against the same Temporal namespace.
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import os from 'node:os';
import { z } from 'zod';
import { createActivities } from '../activities/index.ts';
import { createPrisma } from '../db/client.ts';
import { createSqlPool } from '../db/sql-pool.ts';
import { PgListener } from '../gateway/pg-listener.ts';
import { ProviderTargets } from '../gateway/provider-targets.ts';
import { parseMasterKey, toMasterKey } from '../gateway/security/credential-cipher.ts';
import { adapterFor, closeUpstreamPools } from '../providers/index.ts';
import { exitWithParent, notifyReady } from '../runtime/child-process.ts';
import { databaseUrl, parseEnv, runMain, TemporalEnv } from '../runtime/env.ts';
import { connectionOptions, requestsTaskQueue, temporalSettingsFromEnv } from '../runtime/temporal-connection.ts';
import { workflowsPath } from './workflows-path.ts';

const WorkerEnv = TemporalEnv.extend({
  DATABASE_URL: databaseUrl,
  /** Decrypts provider credentials for the provider calls of durable requests (as the gateway does). */
  SWITCHYARD_MASTER_KEY: z.string().min(1),
  WORKER_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'),
});

runMain(async () => {
  const env = parseEnv(WorkerEnv);
  // The SDK logs every bundler module and state change at INFO; WARN keeps `npm start` readable.
  Runtime.install({ logger: new DefaultLogger(env.WORKER_LOG_LEVEL) });
  const temporal = temporalSettingsFromEnv(env);
  const prisma = createPrisma(env.DATABASE_URL);
  const identity = `switchyard-worker@${os.hostname()}:${process.pid}`;
  const listener = new PgListener({ databaseUrl: env.DATABASE_URL, log: (line) => console.log(line) });
  await listener.start();
  // Plain SQL for credentials and request logs, as in the gateway (db/sql.ts).
  const logDb = createSqlPool({ databaseUrl: env.DATABASE_URL, max: 2, applicationName: 'switchyard-worker' });
  logDb.on('error', (error) => console.error(`worker pool: ${error.message}`));
  const targets = new ProviderTargets(logDb, [toMasterKey(parseMasterKey(env.SWITCHYARD_MASTER_KEY))], listener);
  const connection = await NativeConnection.connect(connectionOptions(temporal));
  const activities = createActivities({ prisma: () => Promise.resolve(prisma), workerIdentity: identity, targets, adapterFor, logDb });
  // One bundle, two task queues: background jobs, and durable requests (latency-critical, also
  // served by gateways' in-process workers) on their own queue so a burst of one never delays the other.
  const workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  const workers = await Promise.all([temporal.taskQueue, requestsTaskQueue(temporal)].map((taskQueue) =>
    Worker.create({ connection, namespace: temporal.namespace, taskQueue, identity, workflowBundle, activities })));

  const shutdown = async () => {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  exitWithParent(shutdown);

  const running = Promise.all(workers.map((worker) => worker.run()));
  console.log(`worker ${identity} polling task queues "${temporal.taskQueue}" and "${requestsTaskQueue(temporal)}" on ${temporal.address} (namespace ${temporal.namespace})`);
  notifyReady({ identity });
  await running;
  await connection.close();
  await listener.close();
  await logDb.end();
  await closeUpstreamPools();
  await prisma.$disconnect();
  // The supervisor's IPC channel would keep the event loop alive; we are done.
  process.exit(0);
});
