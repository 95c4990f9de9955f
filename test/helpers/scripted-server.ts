// A local HTTP server whose reply to each path a test scripts, for tests of the upstream HTTP
// layer (providers/http) against real sockets. It remembers which replies the client closed
// before they had finished.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedServer {
  origin: string;
  /** Sets the reply to requests for `path`. */
  script(path: string, handler: http.RequestListener): void;
  /** True once a reply to `path` was closed by the client before it finished; waits up to 1 s. */
  closedEarly(path: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const handlers = new Map<string, http.RequestListener>();
  const closedEarly = new Set<string>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '';
    res.on('close', () => {
      if (!res.writableFinished) closedEarly.add(path);
    });
    const handler = handlers.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    script: (path, handler) => void handlers.set(path, handler),
    closedEarly: async (path) => {
      for (let i = 0; i < 100 && !closedEarly.has(path); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      return closedEarly.has(path);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
