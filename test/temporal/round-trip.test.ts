// A workflow round trip through the real Temporal server: client → server → worker → activity →
// Postgres → back, and the history recorded by the server.
import { Client, Connection } from '@temporalio/client';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { harnessStack } from '../helpers/stack.ts';
import type { diagnosticsWorkflow } from '../../workflows/index.ts';

let connection: Connection;
let client: Client;

before(async () => {
  connection = await Connection.connect({ address: harnessStack().temporalAddress });
  client = new Client({ connection, namespace: 'default' });
});
after(async () => {
  await connection?.close();
});

test('diagnostics workflow runs on the worker and reads Postgres through an activity', async () => {
  const workflowId = `test-diagnostics-${Date.now()}`;
  const handle = await client.workflow.start<typeof diagnosticsWorkflow>('diagnosticsWorkflow', {
    taskQueue: 'switchyard',
    workflowId,
    args: ['hello'],
    workflowExecutionTimeout: '30 seconds',
  });
  const result = await handle.result();
  assert.equal(result.echo, 'hello');
  assert.match(result.postgresVersion, /^\d+(\.\d+)?/);
  assert.match(result.workerIdentity, /^switchyard-worker@/);
  assert.ok(!Number.isNaN(Date.parse(result.databaseTime)));

  const description = await handle.describe();
  assert.equal(description.status.name, 'COMPLETED');
  const history = await handle.fetchHistory();
  const types = (history.events ?? []).map((event) => event.eventType);
  // 10 = ACTIVITY_TASK_SCHEDULED, 12 = ACTIVITY_TASK_COMPLETED in Temporal's EventType enum.
  assert.ok(types.includes(10) && types.includes(12), 'the history records the activity');
});

test('an unknown workflow type fails with a clear error rather than hanging', async () => {
  const handle = await client.workflow.start('noSuchWorkflow', {
    taskQueue: 'switchyard',
    workflowId: `test-unknown-${Date.now()}`,
    workflowTaskTimeout: '2 seconds',
    workflowExecutionTimeout: '5 seconds',
  });
  await assert.rejects(handle.result());
});
