// The embedded default behind `npm start`: starts, in order, and health-checks embedded Postgres,
// the Temporal dev server, migrations (+ demo seed), the worker, the gateway and the provider
// simulator; prints where everything is; stops every child on Ctrl-C / SIGTERM, in reverse order.
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { applyMigrations } from '../db/migrate.ts';
import { createPrisma } from '../db/client.ts';
import { seedDemo } from '../db/seed.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { parseMasterKey } from '../gateway/security/credential-cipher.ts';
import { spawnManaged, waitForReady, type ManagedChild } from './child-process.ts';
import { StartupError } from './env.ts';
import { loadOrCreateLocalSecrets } from './local-secrets.ts';
import { gatewayNodeArgs, gatewayProcessEnv, projectRoot } from './paths.ts';
import { assertPortsFree, waitFor } from './ports.ts';
import type { StartEnv } from './start-env.ts';
import { ensureTemporalCli } from './temporal-cli.ts';
import { startTemporalDevServer } from './temporal-dev-server.ts';

export interface RunningStack {
  gatewayUrl: string;
  temporalWebUrl?: string;
  simulatorUrl?: string;
  databaseUrl: string;
  temporalAddress: string;
  adminToken: string;
  demoApiKey: string;
  /** Resolves when any child exits unexpectedly. */
  failed: Promise<string>;
  stop(): Promise<void>;
}

type Stopper = { name: string; stop: () => Promise<void> };

export async function startStack(env: StartEnv, log: (line: string) => void): Promise<RunningStack> {
  const embeddedDatabase = !env.DATABASE_URL;
  const embeddedTemporal = !env.TEMPORAL_ADDRESS;
  const embedded = embeddedDatabase || embeddedTemporal;
  await assertPortsFree([
    { port: env.PORT, variable: 'PORT', what: 'gateway' },
    ...(embedded ? [{ port: env.SIMULATOR_PORT, variable: 'SIMULATOR_PORT', what: 'provider simulator' }] : []),
    ...(embeddedDatabase ? [{ port: env.POSTGRES_PORT, variable: 'POSTGRES_PORT', what: 'embedded Postgres' }] : []),
    ...(embeddedTemporal
      ? [
          { port: env.TEMPORAL_PORT, variable: 'TEMPORAL_PORT', what: 'Temporal dev server' },
          { port: env.TEMPORAL_UI_PORT, variable: 'TEMPORAL_UI_PORT', what: 'Temporal Web' },
        ]
      : []),
  ]);
  await mkdir(env.SWITCHYARD_DATA_DIR, { recursive: true });

  const stoppers: Stopper[] = [];
  const children: ManagedChild[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const { name, stop } of stoppers.reverse()) {
      const started = Date.now();
      try {
        await stop();
        log(`stopped ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        log(`stopping ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await rm(path.join(env.SWITCHYARD_DATA_DIR, 'run.json'), { force: true });
  };
  let reportFailure: (reason: string) => void = () => {};
  const failed = new Promise<string>((resolve) => { reportFailure = resolve; });
  const watch = (child: ManagedChild) => {
    children.push(child);
    stoppers.push({ name: child.name, stop: () => child.stop() });
    void child.exited.then(({ code, signal }) => {
      if (!stopping) reportFailure(`${child.name} exited unexpectedly (${signal ?? `code ${code}`})`);
    });
  };

  try {
    const secrets = await loadOrCreateLocalSecrets(env.SWITCHYARD_DATA_DIR, {
      adminToken: env.SWITCHYARD_ADMIN_TOKEN,
      demoApiKey: env.SWITCHYARD_DEMO_API_KEY,
      masterKey: env.SWITCHYARD_MASTER_KEY,
      keyPepper: env.SWITCHYARD_KEY_PEPPER,
    });
    const masterKey = parseMasterKey(secrets.masterKey);

    // 1. Postgres
    let databaseUrl = env.DATABASE_URL ?? '';
    if (embeddedDatabase) {
      const started = Date.now();
      const postgres = await startEmbeddedPostgres({ dataDir: path.join(env.SWITCHYARD_DATA_DIR, 'postgres'), port: env.POSTGRES_PORT, log });
      stoppers.push({ name: 'postgres', stop: postgres.stop });
      databaseUrl = postgres.databaseUrl;
      log(`postgres ${postgres.version} ready on port ${env.POSTGRES_PORT} (${Date.now() - started} ms)`);
    }

    // 2. Temporal
    let temporalAddress = env.TEMPORAL_ADDRESS ?? '';
    let temporalWebUrl = env.TEMPORAL_WEB_URL;
    if (embeddedTemporal) {
      const started = Date.now();
      const cliPath = await ensureTemporalCli(log);
      const server = await startTemporalDevServer({
        cliPath,
        dataDir: env.SWITCHYARD_DATA_DIR,
        port: env.TEMPORAL_PORT,
        uiPort: env.TEMPORAL_UI_PORT,
        namespace: env.TEMPORAL_NAMESPACE,
      });
      watch(server.child);
      temporalAddress = server.address;
      temporalWebUrl = server.webUrl;
      log(`temporal dev server ready on ${temporalAddress}, Web UI ${temporalWebUrl} (${Date.now() - started} ms)`);
    }

    // 3. Migrations and the demo seed
    const migrations = await applyMigrations(databaseUrl, { log });
    if (migrations.applied.length === 0) log('database migrations: up to date');
    const simulatorUrl = embedded ? `http://127.0.0.1:${env.SIMULATOR_PORT}` : undefined;
    if (simulatorUrl) {
      const prisma = createPrisma(databaseUrl);
      try {
        const seeded = await seedDemo(prisma, {
          adminToken: secrets.adminToken,
          demoApiKey: secrets.demoApiKey,
          pepper: secrets.keyPepper,
          masterKey,
          simulatorUrl,
        });
        log(seeded.created ? 'seeded the demo organisation and project' : 'demo data present');
      } finally {
        await prisma.$disconnect();
      }
    }

    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: env.TEMPORAL_TASK_QUEUE,
      SWITCHYARD_MASTER_KEY: secrets.masterKey,
      SWITCHYARD_KEY_PEPPER: secrets.keyPepper,
      SWITCHYARD_MODE: embedded ? 'embedded' : 'production',
      PORT: String(env.PORT),
      SIMULATOR_PORT: String(env.SIMULATOR_PORT),
      ...(temporalWebUrl ? { TEMPORAL_WEB_URL: temporalWebUrl } : {}),
      ...(simulatorUrl ? { SIMULATOR_URL: simulatorUrl } : {}),
    };
    /** Spawns a Node role under the supervisor and waits until `ready` says it is up. */
    const startNode = async (name: string, args: string[], ready: (child: ManagedChild) => Promise<unknown>, envDefaults: Record<string, string> = {}) => {
      const started = Date.now();
      const child = spawnManaged({
        name,
        command: process.execPath,
        args,
        env: { ...envDefaults, ...childEnv },
        cwd: projectRoot,
        ipc: true,
        echo: (line) => log(`[${name}] ${line}`),
      });
      watch(child);
      await ready(child);
      log(`${name} ready (${Date.now() - started} ms)`);
    };

    // 4. Worker, 5. gateway (both report ready over IPC), 6. simulator (independent of our
    // runtime, so it is polled on its health endpoint instead)
    await startNode('worker', viaTsx('worker/main.ts'), (child) => waitForReady(child, 60_000));
    // The gateway runs compiled (prepareBuildOutputs built it): see scripts/build-gateway.ts.
    await startNode('gateway', gatewayNodeArgs, (child) => waitForReady(child, 30_000), gatewayProcessEnv);
    if (simulatorUrl) {
      await startNode('simulator', viaTsx('simulator/main.ts'), () =>
        waitFor('the provider simulator', async () => (await fetch(`${simulatorUrl}/_sim/health`)).ok, 30_000),
      );
    }

    const gatewayUrl = `http://127.0.0.1:${env.PORT}`;
    await waitFor('the gateway /healthz', async () => (await fetch(`${gatewayUrl}/healthz`)).ok, 60_000, 250);

    const stack: RunningStack = {
      gatewayUrl,
      databaseUrl,
      temporalAddress,
      adminToken: secrets.adminToken,
      demoApiKey: secrets.demoApiKey,
      failed,
      stop: stopAll,
      ...(temporalWebUrl ? { temporalWebUrl } : {}),
      ...(simulatorUrl ? { simulatorUrl } : {}),
    };
    await writeRunFile(env.SWITCHYARD_DATA_DIR, stack);
    return stack;
  } catch (error) {
    await stopAll();
    if (error instanceof StartupError) throw error;
    throw new StartupError(error instanceof Error ? error.message : String(error));
  }
}

/** run.json tells scripts and the test harness where the running stack is (and its secrets). */
async function writeRunFile(dataDir: string, stack: RunningStack): Promise<void> {
  const { failed: _failed, stop: _stop, ...info } = stack;
  // Written then renamed: readers poll for the file and must never see it half-written.
  const file = path.join(dataDir, 'run.json');
  await writeFile(`${file}.tmp`, JSON.stringify({ pid: process.pid, ...info }, null, 2), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

const viaTsx = (entry: string) => ['--import', 'tsx', path.join(projectRoot, entry)];
