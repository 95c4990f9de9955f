// An organisation's own OpenAI-compatible server (vLLM, Ollama, Groq…) reached as
// "openai-compatible/<its model id>": here a credential pointing at the simulator's OpenAI surface.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { encryptSecret, parseMasterKey } from '../../gateway/security/credential-cipher.ts';
import { harnessStack } from '../helpers/stack.ts';
import { closePool, gatewayClient, storedLog } from './helpers.ts';

let db: pg.Client;
let credentialId: string | undefined;

const notifyOrg = async (orgId: string) => db.query(`SELECT pg_notify('switchyard_settings_changed', $1)`, [JSON.stringify({ orgId })]);

before(async () => {
  db = new pg.Client({ connectionString: harnessStack().databaseUrl });
  await db.connect();
});

after(async () => {
  if (credentialId) {
    const { rows } = await db.query<{ org_id: string }>('DELETE FROM provider_credentials WHERE id = $1 RETURNING org_id', [credentialId]);
    if (rows[0]) await notifyOrg(rows[0].org_id);
  }
  await db.end();
  await closePool();
});

test('openai-compatible/<model> needs a credential, then reaches the organisation\'s server', async () => {
  await assert.rejects(gatewayClient().chat.completions.create({ model: 'openai-compatible/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError && error.status === 502, String(error));
    assert.equal((error.error as { provider_error?: { kind: string } }).provider_error?.kind, 'auth');
    return true;
  });

  const { masterKey } = JSON.parse(readFileSync(path.join(process.env.SWITCHYARD_TEST_DATA_DIR!, 'secrets.json'), 'utf8')) as { masterKey: string };
  const sealed = encryptSecret('self-hosted-key', parseMasterKey(masterKey));
  const { rows: [org] } = await db.query<{ id: string }>("SELECT org_id AS id FROM projects WHERE slug = 'demo'");
  const { rows: [row] } = await db.query<{ id: string }>(
    `INSERT INTO provider_credentials (org_id, name, kind, base_url, secret_ciphertext, secret_iv, secret_auth_tag, secret_key_id, updated_at)
     VALUES ($1, 'self-hosted', 'openai-compatible', $2, $3, $4, $5, $6, now()) RETURNING id`,
    [org!.id, `${harnessStack().simulatorUrl}/openai/v1`, sealed.ciphertext, sealed.iv, sealed.authTag, sealed.keyId],
  );
  credentialId = row!.id;
  await notifyOrg(org!.id);

  const deadline = Date.now() + 2000;
  for (;;) {
    try {
      const { data, response } = await gatewayClient()
        .chat.completions.create({ model: 'openai-compatible/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      assert.ok(data.choices[0]?.message.content);
      assert.equal(response.headers.get('x-switchyard-provider'), 'openai-compatible');
      const log = await storedLog(response.headers.get('x-switchyard-request-id')!);
      assert.equal(log.provider, 'openai-compatible');
      assert.equal(log.model, 'openai-compatible/gpt-4o-mini');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
