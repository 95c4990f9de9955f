// The gateway process (`npm run gateway`): stateless, so run as many as you like behind a load
// balancer. In the embedded default the supervisor starts one.
import http from 'node:http';
import { lazyPrisma } from '../db/lazy-prisma.ts';
import { exitWithParent, notifyReady } from '../runtime/child-process.ts';
import { parseEnv, runMain, StartupError } from '../runtime/env.ts';
import { uiDistDir } from '../runtime/paths.ts';
import { temporalSettingsFromEnv } from '../runtime/temporal-connection.ts';
import { createApp, createRequestListener } from './app.ts';
import { GatewayEnv } from './env.ts';
import { createHealthCheck, livenessReport } from './health.ts';
import { adapterFor, closeUpstreamPools } from '../providers/index.ts';
import { ConfigStore } from './config-store.ts';
import { createV1 } from './openai/v1-router.ts';
import { parseByteLimit } from './openai/http-io.ts';
import { createApiRouter } from './operations/express-router.ts';
import { PgListener } from './pg-listener.ts';
import { ProjectSettingsCache } from './project-settings.ts';
import { ProviderTargets } from './provider-targets.ts';
import { RequestLogQueue } from './request-log/request-log-queue.ts';
import { KeyCache } from './security/key-cache.ts';
import { parseMasterKey, toMasterKey } from './security/credential-cipher.ts';
import { TemporalLink } from './temporal-link.ts';
import { DurableRunner } from './durable/durable-runner.ts';
import { ProviderHealthService } from './provider-health/health-service.ts';
import { InProcessRunner } from './durable/in-process-runner.ts';
import { WRITE_FAILURE_OUTCOMES } from './request-log/log-queue.ts';
import { createSqlPool } from '../db/sql-pool.ts';

runMain(async () => {
  const env = parseEnv(GatewayEnv);
  // The control plane's Prisma client, loaded on the first REST request (db/lazy-prisma.ts).
  const prisma = lazyPrisma(env.DATABASE_URL);
  const temporal = new TemporalLink(temporalSettingsFromEnv(env));
  const gatewayUrl = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
  const masterKey = toMasterKey(parseMasterKey(env.SWITCHYARD_MASTER_KEY));

  // The hot path's own small pool, plain SQL (db/sql.ts): key, config, settings and credential
  // lookups, request-log batches and health snapshots.
  const sql = createSqlPool({ databaseUrl: env.DATABASE_URL, max: 4, applicationName: 'switchyard-gateway' });
  sql.on('error', (error) => console.error(`gateway pool: ${error.message}`));
  // Hot-path caches, kept coherent across gateway instances by Postgres LISTEN/NOTIFY.
  const listener = new PgListener({ databaseUrl: env.DATABASE_URL, log: (line) => console.log(line) });
  await listener.start();
  const configStore = new ConfigStore({ db: sql, listener });
  const keyCache = new KeyCache({ db: sql, listener, pepper: env.SWITCHYARD_KEY_PEPPER });
  const projectSettings = new ProjectSettingsCache(sql, listener, (line) => console.warn(line));
  const logs = new RequestLogQueue(sql, (error, outcome) => console.error(`request log write failed (${WRITE_FAILURE_OUTCOMES[outcome]}): ${error instanceof Error ? error.message : String(error)}`));
  // Provider health: breakers and windows per target, published for the other instances.
  const providerHealth = new ProviderHealthService({
    db: sql,
    ...(env.SWITCHYARD_HEALTH_POLICY ? { policy: env.SWITCHYARD_HEALTH_POLICY } : {}),
    log: (line) => console.log(line),
  });
  const apiRouter = createApiRouter({ prisma: () => prisma.get(), pepper: env.SWITCHYARD_KEY_PEPPER, providerHealth, masterKey });
  const startedAt = new Date();
  const health = createHealthCheck({
    db: sql,
    temporal,
    gatewayUrl,
    mode: env.SWITCHYARD_MODE,
    startedAt,
    logQueue: () => logs.snapshot(),
    ...(env.SIMULATOR_URL ? { simulatorUrl: env.SIMULATOR_URL } : {}),
    ...(env.TEMPORAL_WEB_URL ? { temporalWebUrl: env.TEMPORAL_WEB_URL } : {}),
  });
  const targets = new ProviderTargets(sql, [masterKey], listener);
  const temporalSettings = temporalSettingsFromEnv(env);
  const durable = new DurableRunner({
    settings: temporalSettings,
    link: temporal,
    embeddedWorker: env.SWITCHYARD_GATEWAY_WORKER === 'on'
      ? { activities: { prisma: () => prisma.get(), workerIdentity: `switchyard-gateway@${process.pid}`, targets, adapterFor, logDb: sql, health: providerHealth } }
      : false,
    log: (line) => console.log(line),
  });
  const durableBackend = env.SWITCHYARD_DURABLE_EXECUTION === 'temporal' ? durable : new InProcessRunner({ targets, adapterFor, logs, health: providerHealth });
  const v1 = createV1({
    db: sql,
    bodyLimits: { bytes: parseByteLimit(env.V1_BODY_LIMIT), timeoutMs: env.V1_BODY_TIMEOUT_MS },
    authenticate: (secret) => keyCache.verify(secret),
    resolveConfig: (projectId, name, version) => configStore.resolve(projectId, name, version),
    settings: (projectId) => projectSettings.get(projectId),
    targets,
    adapterFor,
    logs,
    health: providerHealth,
    durable: { runner: durableBackend, activityMode: env.SWITCHYARD_DURABLE_ACTIVITIES, ...(env.TEMPORAL_WEB_URL ? { temporalWebUrl: env.TEMPORAL_WEB_URL } : {}) },
  });
  const app = createApp({ health, liveness: () => livenessReport({ startedAt, logQueue: () => logs.snapshot() }), uiDir: uiDistDir, apiRouter, v1Router: v1.router });
  const server = http.createServer(createRequestListener(app, v1.chatCompletions));
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new StartupError(`port ${env.PORT} (gateway) is already in use; set PORT to use another port`) : error);
    });
    server.listen(env.PORT, env.HOST, resolve);
  });

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting, let in-flight requests finish, then close idle keep-alive sockets.
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(force);
    // The in-process worker finishes its tasks (durable requests write their own log rows).
    await durable.close();
    // Everything the finished requests produced is written before we go.
    await logs.flush();
    logs.close();
    await providerHealth.close();
    await keyCache.flush();
    await sql.end();
    await listener.close();
    await closeUpstreamPools();
    await temporal.close();
    await prisma.disconnect();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown().then(() => process.exit(0)));
  }
  exitWithParent(shutdown);
  console.log(`gateway listening on ${gatewayUrl}`);
  notifyReady({ url: gatewayUrl });
});
