// Production bootstrap: scripts/create-admin.ts makes an organisation owner and an admin token
// that the running gateway's REST API accepts; bad arguments fail with one clear line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../runtime/paths.ts';
import { api, harnessPepper, uniqueName } from '../helpers/admin-api.ts';
import { harnessStack } from '../helpers/stack.ts';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/create-admin.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: harnessStack().databaseUrl, SWITCHYARD_KEY_PEPPER: harnessPepper(), ...env },
    timeout: 60_000,
  });

test('creates an owner whose token works on the REST API, once per run', async () => {
  const org = uniqueName('boot');
  const first = run(['--email', `Owner@${org}.test`, '--org', org]);
  assert.equal(first.status, 0, first.stderr);
  const token = first.stdout.trim().split('\n').at(-1)!;
  assert.match(token, /^sy_admin_[A-Za-z0-9]{32}$/);
  const catalog = await api('GET', `/orgs/${org}/catalog`, { token });
  assert.equal(catalog.status, 200, JSON.stringify(catalog.body));

  const second = run(['--email', `owner@${org}.test`, '--org', org]);
  assert.equal(second.status, 0, second.stderr);
  const another = second.stdout.trim().split('\n').at(-1)!;
  assert.notEqual(another, token, 'every run mints a new token');
  assert.equal((await api('GET', `/orgs/${org}/catalog`, { token: another })).status, 200);
});

test('bad arguments or environment fail with one line', () => {
  const badEmail = run(['--email', 'nope', '--org', 'acme']);
  assert.equal(badEmail.status, 1);
  assert.match(badEmail.stderr.trim(), /^switchyard: --email must be an e-mail address$/);
  const noPepper = run(['--email', 'a@b.test', '--org', 'acme'], { SWITCHYARD_KEY_PEPPER: 'short' });
  assert.equal(noPepper.status, 1);
  assert.match(noPepper.stderr.trim(), /^switchyard: Environment variable SWITCHYARD_KEY_PEPPER /);
});
