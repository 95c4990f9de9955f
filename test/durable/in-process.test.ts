// SWITCHYARD_DURABLE_EXECUTION=in-process: the same cascade and ensemble code runs in the
// gateway without Temporal (the bench's baseline). Same answers and traces, no workflow.
import assert from 'node:assert/strict';
import { after, afterEach, test } from 'node:test';
import OpenAI from 'openai';
import { freePort } from '../../runtime/ports.ts';
import { harnessSecrets } from '../helpers/admin-api.ts';
import { runRole, stopRoles, waitForOutput } from '../helpers/roles.ts';
import { harnessStack } from '../helpers/stack.ts';
import { closePool, simulatorPatch, resetUpstreams } from '../v1/helpers.ts';
import { bankQuestions, durableLog } from './helpers.ts';

afterEach(resetUpstreams);
after(async () => {
  await stopRoles();
  await closePool();
});

test('in-process execution answers @ensemble and @cascade with the same trace, logged by the gateway', async () => {
  const stack = harnessStack();
  const secrets = harnessSecrets();
  const port = await freePort();
  const gateway = runRole('gateway', {
    DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, PORT: String(port), HOST: '127.0.0.1',
    SWITCHYARD_KEY_PEPPER: secrets.keyPepper, SWITCHYARD_MASTER_KEY: secrets.masterKey, SWITCHYARD_DURABLE_EXECUTION: 'in-process',
  });
  await waitForOutput(gateway, /gateway listening/);
  const client = new OpenAI({ apiKey: stack.demoApiKey, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });

  for (const model of ['claude-haiku-4-5', 'gpt-4o-mini', 'gemini-2.5-flash']) await simulatorPatch(model, { accuracy: 1 });
  const [question] = await bankQuestions();
  const ensemble = await client.chat.completions.create({ model: '@ensemble', messages: [{ role: 'user', content: question!.prompt }] }).withResponse();
  assert.match(ensemble.data.choices[0]!.message.content!, new RegExp(`Answer: ${question!.answer}`));
  assert.equal(ensemble.response.headers.get('x-switchyard-workflow-id'), null);
  const log = await durableLog(ensemble.response.headers.get('x-switchyard-request-id')!);
  assert.equal(log.trace.aggregation?.votes[0]?.key, question!.answer);
  assert.equal(log.trace.temporal, undefined);
  assert.equal(log.workflow_id, null);

  const cascade = await client.chat.completions.create({ model: '@cascade', messages: [{ role: 'user', content: 'Why is the sky blue?' }] }).withResponse();
  assert.equal(cascade.data.model, 'claude-haiku-4-5');
  assert.equal((await durableLog(cascade.response.headers.get('x-switchyard-request-id')!)).trace.attempts[0]?.accepted, true);
});
