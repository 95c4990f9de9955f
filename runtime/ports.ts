// Port helpers: fail fast on a port already in use, and find free ports for tests.
import net from 'node:net';
import { StartupError } from './env.ts';

/** Resolves true when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws a StartupError naming the port and the variable that changes it. */
export async function assertPortsFree(ports: Array<{ port: number; variable: string; what: string }>): Promise<void> {
  for (const { port, variable, what } of ports) {
    if (!(await isPortFree(port))) {
      throw new StartupError(`port ${port} (${what}) is already in use; set ${variable} to use another port`);
    }
  }
}

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

/**
 * `count` distinct ports that were free a moment ago. Each is held until all are picked: closed
 * one by one, the OS may hand the same port out twice (it did: a test stack's gateway and
 * Temporal Web UI once got the same one and the gateway could not start).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      ports.push(await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host: '127.0.0.1' }, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : 0);
        });
      }));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => (server.listening ? server.close(resolve) : resolve(undefined)))));
  }
}

/** Waits until `check` resolves true, polling; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new StartupError(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s${reason}`);
}
