// Always uses embedded Postgres (it is what is under test), even when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureEmbeddedPostgresBinaries, startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { isRoot, lookupOsUser } from '../../db/postgres-os-user.ts';
import { freePort, makeTempDir } from '../helpers/database.ts';

const tempDirs: string[] = [];
after(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir(label: string): Promise<string> {
  const dir = await makeTempDir(label);
  tempDirs.push(dir);
  return dir;
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/** Pids of live processes whose command line mentions `needle`. */
async function processesMentioning(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.replace(/\0/g, ' ').includes(needle)) pids.push(Number(entry));
  }
  return pids;
}

describe('embedded Postgres', () => {
  test('keeps data, password and ownership across a stop and a start', async () => {
    const dataDir = path.join(await tempDir('ep'), 'nested', 'postgres');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    assert.match(first.version, /^\d+/);
    assert.match(first.databaseUrl, new RegExp(`^postgresql://postgres:[0-9a-f]+@127\\.0\\.0\\.1:${port}/switchyard$`));
    await withClient(first.databaseUrl, async (client) => {
      await client.query('CREATE TABLE kept (value text)');
      await client.query(`INSERT INTO kept VALUES ('still here')`);
    });

    const passwordFile = path.join(dataDir, 'password');
    assert.equal((await stat(passwordFile)).mode & 0o777, 0o600);
    if (isRoot()) {
      const postgresUser = await lookupOsUser('postgres');
      const cluster = await stat(path.join(dataDir, 'cluster'));
      assert.equal(cluster.uid, postgresUser.uid, 'the cluster belongs to the postgres user');
      assert.equal((await stat(passwordFile)).uid, 0, 'the password file stays root-only');
    }

    await first.stop();
    await first.stop(); // idempotent
    assert.deepEqual(await processesMentioning(path.join(dataDir, 'cluster')), [], 'no postgres process survives stop()');

    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      assert.equal(second.databaseUrl, first.databaseUrl, 'the password is reused');
      const rows = await withClient(second.databaseUrl, (client) => client.query<{ value: string }>('SELECT value FROM kept'));
      assert.deepEqual(rows.rows, [{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  test('stops a server left behind by a killed process, then starts', async () => {
    const dataDir = path.join(await tempDir('ep-orphan'), 'postgres');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../helpers/embedded-postgres-child.ts', import.meta.url)), dataDir, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.ok((await processesMentioning(path.join(dataDir, 'cluster'))).length > 0, 'the orphaned server is still running');

    const lines: string[] = [];
    const restarted = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
    try {
      assert.ok(lines.some((line) => line.includes('left running')), lines.join('\n'));
      await withClient(restarted.databaseUrl, (client) => client.query('SELECT 1'));
    } finally {
      await restarted.stop();
    }
    assert.deepEqual(await processesMentioning(path.join(dataDir, 'cluster')), []);
  });

  test('fails clearly when the port is taken', async () => {
    const port = await freePort();
    const server = (await import('node:net')).createServer().listen(port, '127.0.0.1');
    try {
      const dataDir = path.join(await tempDir('ep-port'), 'postgres');
      await assert.rejects(startEmbeddedPostgres({ dataDir, port }), new RegExp(`failed to start on port ${port}`));
      assert.deepEqual(await processesMentioning(path.join(dataDir, 'cluster')), []);
    } finally {
      server.close();
    }
  });

  test('ensureEmbeddedPostgresBinaries recreates missing library symlinks, idempotently', async () => {
    const packageDir = await tempDir('ep-pkg');
    const lib = path.join(packageDir, 'native', 'lib');
    await mkdir(lib, { recursive: true });
    await writeFile(path.join(lib, 'libpq.so.5.18'), 'binary');
    await writeFile(
      path.join(packageDir, 'native', 'pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so' },
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
      ]),
    );
    assert.deepEqual(await ensureEmbeddedPostgresBinaries(packageDir), ['native/lib/libpq.so', 'native/lib/libpq.so.5']);
    assert.ok((await lstat(path.join(lib, 'libpq.so.5'))).isSymbolicLink());
    assert.equal(await readlink(path.join(lib, 'libpq.so.5')), 'libpq.so.5.18', 'relative links, like the postinstall makes');
    assert.equal(await readFile(path.join(lib, 'libpq.so'), 'utf8'), 'binary');
    assert.deepEqual(await ensureEmbeddedPostgresBinaries(packageDir), []);
    // The real package is complete after our repair.
    await ensureEmbeddedPostgresBinaries();
    assert.deepEqual(await ensureEmbeddedPostgresBinaries(), []);
  });
});
