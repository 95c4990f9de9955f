// A gateway that only proxies never loads Prisma or the Temporal SDK: they serve the REST API and
// durable requests, and loading them costs every gateway its memory (docs/architecture.md, "What
// the gateway loads, and when"). gateway-bundle.test.ts checks the compiled import graph; this
// runs the gateway role with its defaults (embedded worker on) and asks the process itself which
// packages it has loaded after a proxy-only deployment's requests, then after a REST call.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../../runtime/ports.ts';
import { harnessSecrets } from '../helpers/admin-api.ts';
import { runRole, stopRoles, waitForOutput, type RoleProcess } from '../helpers/roles.ts';
import { harnessStack } from '../helpers/stack.ts';

after(stopRoles);

const probe = path.join(import.meta.dirname, '..', 'helpers', 'loaded-packages-probe.mjs');

async function loadedPackages(role: RoleProcess): Promise<string[]> {
  const before = role.output().length;
  role.child.kill('SIGUSR2');
  const line = /loaded packages: (\[.*\])\n/;
  const deadline = Date.now() + 10_000;
  while (!line.test(role.output().slice(before))) {
    if (Date.now() > deadline) throw new Error(`no answer to SIGUSR2:\n${role.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return JSON.parse(line.exec(role.output().slice(before))![1]!) as string[];
}

test('a gateway serving /v1 loads neither Prisma nor the Temporal SDK; its first REST call loads Prisma', async () => {
  const stack = harnessStack();
  const secrets = harnessSecrets();
  const port = await freePort();
  const gateway = runRole('gateway', {
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    PORT: String(port),
    HOST: '127.0.0.1',
    SWITCHYARD_KEY_PEPPER: secrets.keyPepper,
    SWITCHYARD_MASTER_KEY: secrets.masterKey,
    NODE_OPTIONS: `--import ${probe}`,
  });
  await waitForOutput(gateway, /gateway listening/);
  const url = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${stack.demoApiKey}` };

  assert.equal((await fetch(`${url}/livez`)).status, 200);
  assert.equal((await fetch(`${url}/v1/models`, { headers: auth })).status, 200);
  for (const stream of [false, true]) {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model: '@production', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4, stream }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    await response.arrayBuffer();
  }

  const proxying = await loadedPackages(gateway);
  assert.ok(proxying.includes('undici') && proxying.includes('pg'), `the probe sees the hot path's packages: ${proxying.join(', ')}`);
  assert.deepEqual(proxying.filter((name) => /^@prisma\/|^@temporalio\//.test(name)), [], 'loaded by a gateway that only proxied');

  const keys = await fetch(`${url}/api/v1/projects/demo/api-keys`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
  assert.equal(keys.status, 200, await keys.clone().text());
  assert.ok((await loadedPackages(gateway)).includes('@prisma/client'), 'the REST API loads Prisma on first use');
});
