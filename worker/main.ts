// The Temporal worker process (`npm run worker`): hosts workflows/ and activities/ on the task
// queue. Scales out by running more of these against the same Temporal namespace.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import os from 'node:os';
import { z } from 'zod';
import { createActivities } from '../activities/index.ts';
import { createPrisma } from '../db/client.ts';
import { exitWithParent, notifyReady } from '../runtime/child-process.ts';
import { databaseUrl, parseEnv, runMain, TemporalEnv } from '../runtime/env.ts';
import { connectionOptions, temporalSettingsFromEnv } from '../runtime/temporal-connection.ts';
import { workflowsPath } from './workflows-path.ts';

const WorkerEnv = TemporalEnv.extend({
  DATABASE_URL: databaseUrl,
  WORKER_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'),
});

runMain(async () => {
  const env = parseEnv(WorkerEnv);
  // The SDK logs every bundler module and state change at INFO; WARN keeps `npm start` readable.
  Runtime.install({ logger: new DefaultLogger(env.WORKER_LOG_LEVEL) });
  const temporal = temporalSettingsFromEnv(env);
  const prisma = createPrisma(env.DATABASE_URL);
  const identity = `switchyard-worker@${os.hostname()}:${process.pid}`;
  const connection = await NativeConnection.connect(connectionOptions(temporal));
  const worker = await Worker.create({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    identity,
    workflowsPath,
    activities: createActivities({ prisma, workerIdentity: identity }),
  });

  const shutdown = async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  exitWithParent(shutdown);

  const running = worker.run();
  console.log(`worker ${identity} polling task queue "${temporal.taskQueue}" on ${temporal.address} (namespace ${temporal.namespace})`);
  notifyReady({ identity });
  await running;
  await connection.close();
  await prisma.$disconnect();
  // The supervisor's IPC channel would keep the event loop alive; we are done.
  process.exit(0);
});
