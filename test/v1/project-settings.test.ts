// Project settings and organisation overrides as the hot path sees them: what the request log
// keeps of bodies (off / metadata / full), catalog price overrides in cost, and 403s.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { after, test } from 'node:test';
import { api } from '../helpers/admin-api.ts';
import { harnessStack } from '../helpers/stack.ts';
import { eventually } from '../helpers/change-listeners.ts';
import { closePool, gatewayClient, storedLog, type StoredLog } from './helpers.ts';

after(async () => {
  await api('PATCH', '/projects/demo', { body: { logBodies: 'metadata' } });
  await api('PUT', '/orgs/demo/catalog/overrides', { body: { overrides: {} } });
  await closePool();
});

const secretPrompt = 'the launch code is 0000';

async function ask(): Promise<string> {
  const { response } = await gatewayClient()
    .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: secretPrompt }] })
    .withResponse();
  return response.headers.get('x-switchyard-request-id')!;
}

/** Settings reach the gateway through NOTIFY: a few requests may still see the old value. */
const SETTLE_MS = 3000;

test('log bodies: metadata by default, then full, then off — never the API key', async () => {
  const metadata = await storedLog(await ask());
  const requestBody = (metadata as unknown as { request_body: { messages: number; roles: string[] } }).request_body;
  assert.equal(requestBody.messages, 1);
  assert.deepEqual(requestBody.roles, ['user']);
  assert.ok(!JSON.stringify(metadata).includes(secretPrompt), 'metadata keeps no content');

  assert.equal((await api('PATCH', '/projects/demo', { body: { logBodies: 'full' } })).status, 200);
  let full: StoredLog | undefined;
  await eventually(async () => {
    full = await storedLog(await ask());
    return JSON.stringify(full).includes(secretPrompt);
  }, SETTLE_MS, 'logBodies=full');
  const response = (full as unknown as { response_body: { choices: Array<{ content: string }> } }).response_body;
  assert.ok(response.choices[0]?.content, 'the answer is kept');
  assert.ok(!JSON.stringify(full).includes(harnessStack().demoApiKey), 'the API key is never stored');

  assert.equal((await api('PATCH', '/projects/demo', { body: { logBodies: 'off' } })).status, 200);
  await eventually(async () => {
    const row = (await storedLog(await ask())) as unknown as { request_body: unknown; response_body: unknown };
    return row.request_body === null && row.response_body === null;
  }, SETTLE_MS, 'logBodies=off');
});

test('organisation catalog overrides change the price the request is charged', async () => {
  const before = Number((await storedLog(await ask())).cost_usd);
  const put = await api('PUT', '/orgs/demo/catalog/overrides', { body: { overrides: { models: { 'gpt-4o-mini': { pricing: { inputPerMTok: 1500, outputPerMTok: 6000 } } } } } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  await eventually(async () => Number((await storedLog(await ask())).cost_usd) > before * 100, SETTLE_MS, 'the price override');
  const invalid = await api('PUT', '/orgs/demo/catalog/overrides', { body: { overrides: { models: { 'gpt-4o-mini': { pricing: { inputPerMTok: -1 } } } } } });
  assert.equal(invalid.status, 400);
});

test('403 for an admin token on /v1 and for a key used against another project', async () => {
  await assert.rejects(gatewayClient(harnessStack().adminToken).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.PermissionDeniedError, String(error));
    return true;
  });
  await assert.rejects(
    gatewayClient().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-switchyard-project': 'someone-elses' } }),
    (error: unknown) => {
      assert.ok(error instanceof OpenAI.PermissionDeniedError, String(error));
      assert.equal(error.code, 'wrong_project');
      return true;
    },
  );
});
