// Crash safety: kill -9 the worker while an ensemble and a cascade are mid-flight. A new worker
// picks the workflows up (after the workflow task times out), they complete, the clients get
// their answers, and each request is logged exactly once. Runs its own gateway (no in-process
// worker) and workers on private task queues, against the harness's Postgres and Temporal.
import assert from 'node:assert/strict';
import { after, afterEach, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import OpenAI from 'openai';
import pg from 'pg';
import { freePort } from '../../runtime/ports.ts';
import { harnessSecrets } from '../helpers/admin-api.ts';
import { runRole, stopRoles, waitForOutput } from '../helpers/roles.ts';
import { harnessStack } from '../helpers/stack.ts';
import { simulatorPatch, resetUpstreams } from '../v1/helpers.ts';
import { createConfig } from './helpers.ts';

const EventType = proto.temporal.api.enums.v1.EventType;

afterEach(resetUpstreams);
after(stopRoles);

test('kill -9 of the worker mid-flight: both requests still complete and are logged once', { timeout: 110_000 }, async () => {
  const stack = harnessStack();
  const secrets = harnessSecrets();
  const taskQueue = `crash-${Date.now()}`;
  const common = { DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue, SWITCHYARD_MASTER_KEY: secrets.masterKey };
  const startWorker = async () => {
    const worker = runRole('worker', common);
    await waitForOutput(worker, /polling task queues/);
    return worker;
  };
  const first = await startWorker();
  const port = await freePort();
  const gateway = runRole('gateway', { ...common, PORT: String(port), HOST: '127.0.0.1', SWITCHYARD_KEY_PEPPER: secrets.keyPepper, SWITCHYARD_GATEWAY_WORKER: 'off' });
  await waitForOutput(gateway, /gateway listening/);

  // Every answer takes 2.5 s, so both workflows are mid-call when the worker dies.
  const slow = { ttftMs: { mean: 2500, jitter: 0 } };
  for (const model of ['claude-haiku-4-5', 'gpt-4o-mini', 'gemini-2.5-flash', 'claude-sonnet-4-5']) await simulatorPatch(model, slow);
  const cascade = await createConfig({ strategy: 'cascade', attempts: [{ model: 'claude-haiku-4-5', timeout_ms: 10000, accept: { min_length: 100000 } }, { model: 'claude-sonnet-4-5', timeout_ms: 10000 }] }, 'crash-cascade');

  const client = new OpenAI({ apiKey: stack.demoApiKey, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0, timeout: 90_000 });
  const ask = (model: string) => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Explain the tides in two sentences.' }] }).withResponse();
  const requests = [ask('@ensemble'), ask(cascade)] as const;
  await new Promise((r) => setTimeout(r, 1200));
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  await resetUpstreams(); // the replacement's calls answer at once
  const second = await startWorker();

  const [ensemble, cascaded] = await Promise.all(requests);
  assert.equal(ensemble.response.status, 200);
  assert.equal(cascaded.response.status, 200);
  assert.equal(cascaded.data.model, 'claude-sonnet-4-5');

  const ids = [ensemble, cascaded].map(({ response }) => response.headers.get('x-switchyard-request-id')!);
  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    for (const id of ids) {
      const { rows } = await db.query<{ count: string; status: string }>('SELECT count(*)::text AS count, min(status::text) AS status FROM request_logs WHERE id = $1', [id]);
      assert.deepEqual(rows[0], { count: '1', status: 'success' }, `${id} is logged exactly once`);
      // The history shows the crash: the dead worker's workflow task timed out, another finished it.
      const history = await new Client({ connection }).workflow.getHandle(id).fetchHistory();
      const types = (history.events ?? []).map((e) => e.eventType);
      assert.ok(types.includes(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT), `${id}: no workflow task timed out (${types.join(',')})`);
      assert.match(second.output() + first.output(), /polling task queues/);
    }
  } finally {
    await connection.close();
    await db.end();
  }
});
