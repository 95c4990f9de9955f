// Determinism guard: workflow histories recorded from earlier versions of the cascade and
// ensemble workflows (test/durable/histories/*.binpb, protobuf-encoded History messages) are replayed against today's workflow code
// with the SDK's replayer. A change that would break in-flight workflows (new or reordered
// commands without `patched()`, see docs/durable-strategies.md) fails here.
//
// To record histories of today's code: SWITCHYARD_RECORD_HISTORIES=1 node --import tsx test/run.ts durable/replay
// (keep the old files: every version still running in production must keep replaying).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import proto, { type temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { projectRoot } from '../../runtime/paths.ts';
import { workflowsPath } from '../../worker/workflows-path.ts';
import { harnessStack } from '../helpers/stack.ts';
import { closePool, gatewayClient, simulatorPatch, resetUpstreams } from '../v1/helpers.ts';
import { bankQuestions, createConfig } from './helpers.ts';

const historiesDir = path.join(projectRoot, 'test', 'durable', 'histories');
const History = proto.temporal.api.history.v1.History;
type History = temporal.api.history.v1.IHistory;
after(closePool);

/** Requests that exercise every branch worth guarding: accept, escalation, retry, vote, cancel. */
async function recordFreshHistories(): Promise<Array<{ name: string; history: History }>> {
  const [question] = await bankQuestions();
  const escalating = await createConfig({
    strategy: 'cascade', retry_on: [429, '5xx'],
    attempts: [{ model: 'gpt-4o-mini', timeout_ms: 3000, max_retries: 1, accept: { min_length: 100000 } }, { model: 'gpt-4o', timeout_ms: 3000 }],
  }, 'replay-cascade');
  const requests: Array<[string, () => Promise<{ response: Response }>]> = [
    ['cascade-accept', () => gatewayClient().chat.completions.create({ model: '@cascade', messages: [{ role: 'user', content: 'Why is the sea salty?' }] }).withResponse()],
    ['cascade-escalate', () => gatewayClient().chat.completions.create({ model: escalating, messages: [{ role: 'user', content: 'Why is the sea salty?' }] }).withResponse()],
    ['ensemble-vote-cancel', async () => {
      await simulatorPatch('gemini-2.5-flash', { ttftMs: { mean: 2000, jitter: 0 } });
      for (const model of ['claude-haiku-4-5', 'gpt-4o-mini']) await simulatorPatch(model, { accuracy: 1 });
      try {
        return await gatewayClient().chat.completions.create({ model: '@ensemble', messages: [{ role: 'user', content: question!.prompt }] }).withResponse();
      } finally {
        await resetUpstreams();
      }
    }],
  ];
  const connection = await Connection.connect({ address: harnessStack().temporalAddress });
  try {
    const client = new Client({ connection });
    const out: Array<{ name: string; history: History }> = [];
    for (const [name, send] of requests) {
      const { response } = await send();
      const id = response.headers.get('x-switchyard-workflow-id');
      assert.ok(id, `${name}: a workflow id header`);
      out.push({ name, history: await client.workflow.getHandle(id).fetchHistory() });
    }
    return out;
  } finally {
    await connection.close();
  }
}

test('histories of today\'s workflows replay deterministically', async () => {
  const fresh = await recordFreshHistories();
  if (process.env.SWITCHYARD_RECORD_HISTORIES === '1') {
    mkdirSync(historiesDir, { recursive: true });
    for (const { name, history } of fresh) writeFileSync(path.join(historiesDir, `${name}.binpb`), History.encode(history).finish());
  }
  for (const { name, history } of fresh) {
    await Worker.runReplayHistory({ workflowsPath }, history, name);
  }
});

test('histories recorded from earlier versions still replay (no unversioned workflow change)', async () => {
  const files = readdirSync(historiesDir).filter((f) => f.endsWith('.binpb'));
  assert.ok(files.length >= 3, 'recorded histories are committed');
  const histories = files.map((file) => ({ workflowId: file, history: History.decode(readFileSync(path.join(historiesDir, file))) }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  assert.deepEqual(failures, []);
});
