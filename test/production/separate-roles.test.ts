// Production mode: with DATABASE_URL and TEMPORAL_ADDRESS set, `npm run gateway` and
// `npm run worker` run as separate processes (here against the harness's Postgres and Temporal),
// nothing embedded starts, and each role works on its own.
import { Client, Connection } from '@temporalio/client';
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { HealthReport } from '../../core/health.ts';
import { freePort } from '../../runtime/ports.ts';
import { runRole, stopRoles, waitForOutput } from '../helpers/roles.ts';
import { harnessStack } from '../helpers/stack.ts';

after(stopRoles);

test('a separate worker process serves its own task queue', async () => {
  const stack = harnessStack();
  const taskQueue = `production-test-${Date.now()}`;
  const worker = runRole('worker', { DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue, SWITCHYARD_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') });
  await waitForOutput(worker, /polling task queues/);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    const result = await new Client({ connection }).workflow.execute('diagnosticsWorkflow', {
      taskQueue,
      workflowId: `${taskQueue}-wf`,
      args: ['from production mode'],
      workflowExecutionTimeout: '30 seconds',
    });
    assert.equal((result as { echo: string }).echo, 'from production mode');
    assert.match((result as { workerIdentity: string }).workerIdentity, new RegExp(`:${worker.child.pid ?? ''}|switchyard-worker@`));
  } finally {
    await connection.close();
  }
});

test('a separate gateway process reports production mode with no simulator', async () => {
  const stack = harnessStack();
  const port = await freePort();
  const gateway = runRole('gateway', { DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, PORT: String(port), HOST: '127.0.0.1', SWITCHYARD_KEY_PEPPER: 'production-test-pepper-0123456789abcdef', SWITCHYARD_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') });
  await waitForOutput(gateway, /gateway listening/);
  const report = HealthReport.parse(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json());
  assert.equal(report.mode, 'production');
  assert.equal(report.components.database?.status, 'up');
  assert.equal(report.components.temporal?.status, 'up');
  assert.equal(report.components.worker?.status, 'up');
  assert.equal(report.components.simulator?.status, 'disabled');
  assert.equal(report.status, 'ok');
});

test('a role with a malformed variable exits with one line naming it', async () => {
  const gateway = runRole('gateway', { DATABASE_URL: 'mysql://nope', TEMPORAL_ADDRESS: '127.0.0.1:7233' });
  const code = await new Promise<number | null>((resolve) => gateway.child.once('exit', resolve));
  assert.equal(code, 1);
  assert.match(gateway.output().trim(), /^switchyard: Environment variable DATABASE_URL is "mysq…": must be a postgres:\/\/ URL$/);
});
