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
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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
