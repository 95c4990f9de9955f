// The gateway process (`npm run gateway`): stateless, so run as many as you like behind a load
// balancer. In the embedded default the supervisor starts one.
import http from 'node:http';
import { createPrisma } from '../db/client.ts';
import { exitWithParent, notifyReady } from '../runtime/child-process.ts';
import { parseEnv, runMain, StartupError } from '../runtime/env.ts';
import { uiDistDir } from '../runtime/paths.ts';
import { temporalSettingsFromEnv } from '../runtime/temporal-connection.ts';
import { createApp } from './app.ts';
import { GatewayEnv } from './env.ts';
import { createHealthCheck } from './health.ts';
import { TemporalLink } from './temporal-link.ts';

runMain(async () => {
  const env = parseEnv(GatewayEnv);
  const prisma = createPrisma(env.DATABASE_URL);
  const temporal = new TemporalLink(temporalSettingsFromEnv(env));
  const gatewayUrl = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
  const health = createHealthCheck({
    prisma,
    temporal,
    gatewayUrl,
    mode: env.SWITCHYARD_MODE,
    startedAt: new Date(),
    ...(env.SIMULATOR_URL ? { simulatorUrl: env.SIMULATOR_URL } : {}),
    ...(env.TEMPORAL_WEB_URL ? { temporalWebUrl: env.TEMPORAL_WEB_URL } : {}),
  });
  const app = createApp({ health, uiDir: uiDistDir });
  const server = http.createServer(app);
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
    await temporal.close();
    await prisma.$disconnect();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown().then(() => process.exit(0)));
  }
  exitWithParent(shutdown);
  console.log(`gateway listening on ${gatewayUrl}`);
  notifyReady({ url: gatewayUrl });
});
