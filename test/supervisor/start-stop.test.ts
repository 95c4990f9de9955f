// `npm start`'s supervisor, run as a user would: it starts everything healthy, a second start
// reuses the data, SIGTERM stops every child (no orphans), a stack whose starter dies stops
// itself, and bad configuration fails fast.
import { spawn, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { projectRoot } from '../../runtime/paths.ts';
import { stackEnv, startTestStack, TEST_ADMIN_TOKEN } from '../helpers/stack.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-supervisor-'));
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Processes whose environment or command line mention the data folder: the stack's descendants. */
function processesOf(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      if (environ.includes(`SWITCHYARD_DATA_DIR=${dir}\0`) || cmdline.includes(dir)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ')}`);
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

test('starts healthy, stops cleanly on SIGTERM, and a second start reuses the data', async () => {
  const env = await stackEnv(dataDir);
  const first = await startTestStack({ dataDir, env });
  const health = await fetch(`${first.info.gatewayUrl}/healthz`);
  assert.equal(health.status, 200);
  assert.equal(first.info.adminToken, TEST_ADMIN_TOKEN);
  const output = readFileSync(first.logFile, 'utf8');
  for (const expected of ['Switchyard is ready', first.info.gatewayUrl, first.info.temporalWebUrl, first.info.simulatorUrl, TEST_ADMIN_TOKEN]) {
    assert.ok(output.includes(expected), `start-up output mentions ${expected}`);
  }

  // A marker row written during the first run must survive the restart.
  const marker = `restart-marker-${Date.now()}`;
  const client = new pg.Client({ connectionString: first.info.databaseUrl });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS test_restart_marker (value text)');
  await client.query('INSERT INTO test_restart_marker VALUES ($1)', [marker]);
  await client.end();

  assert.equal(await first.stop(), 0, 'the supervisor exits 0 on SIGTERM');
  assert.match(readFileSync(first.logFile, 'utf8'), /stopped/);
  await waitUntil(() => processesOf(dataDir).length === 0, 10_000);
  assert.deepEqual(processesOf(dataDir), [], 'no process of the stack is left');

  const second = await startTestStack({ dataDir, env });
  try {
    const again = new pg.Client({ connectionString: second.info.databaseUrl });
    await again.connect();
    const rows = await again.query('SELECT value FROM test_restart_marker');
    await again.end();
    assert.deepEqual(rows.rows.map((r) => r.value), [marker]);
    assert.match(readFileSync(second.logFile, 'utf8'), /demo data present/);
    assert.equal((await fetch(`${second.info.gatewayUrl}/healthz`)).status, 200);
  } finally {
    assert.equal(await second.stop(), 0);
  }
  await waitUntil(() => processesOf(dataDir).length === 0, 10_000);
  assert.deepEqual(processesOf(dataDir), []);
});

test('a stack started by a test or bench process stops itself when that process is killed', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-orphan-'));
  const holder = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/helpers/stack-holder-child.ts'), dir], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const gatewayUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      holder.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const ready = /^ready (\S+)$/m.exec(output);
        if (ready) resolve(ready[1]!);
      });
      holder.once('exit', (code) => reject(new Error(`the holder exited (${code}) before its stack was ready`)));
    });
    assert.equal((await fetch(`${gatewayUrl}/healthz`)).status, 200);
    assert.ok(processesOf(dir).length >= 5, 'Postgres, Temporal, the worker, the gateway and the simulator are running');

    // No SIGTERM reaches the stack: only its IPC channel closing tells it.
    holder.kill('SIGKILL');
    await waitUntil(() => processesOf(dir).length === 0, 40_000);
    assert.deepEqual(processesOf(dir), [], 'no process of the stack is left');
    await assert.rejects(fetch(`${gatewayUrl}/healthz`), 'the gateway port is closed');
  } finally {
    holder.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

test('a port already in use fails fast, naming the port and the variable', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-port-'));
  try {
    const result = runStart(await stackEnv(dir, { SIMULATOR_PORT: String(port) }));
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`port ${port} \\(provider simulator\\) is already in use; set SIMULATOR_PORT`));
    assert.deepEqual(processesOf(dir), []);
  } finally {
    blocker.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a malformed environment value stops start-up with one line naming it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-env-'));
  try {
    for (const [name, value] of [['PORT', 'eighty'], ['SWITCHYARD_ADMIN_TOKEN', 'too-short'], ['TEMPORAL_ADDRESS', 'no port here']] as const) {
      const result = runStart({ ...(await stackEnv(dir)), [name]: value });
      assert.equal(result.status, 1, `${name}=${value} exits 1`);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `one line for ${name}: ${result.stderr}`);
      assert.match(lines[0]!, new RegExp(`^switchyard: Environment variable ${name} `));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

function runStart(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/start.ts')], {
    cwd: projectRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
