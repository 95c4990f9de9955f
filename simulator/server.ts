// startSimulator: one node:http server speaking OpenAI (/openai/v1, alias /v1), Anthropic
// (/anthropic/v1, alias /v1/messages) and Gemini (/gemini/v1beta, alias /v1beta), plus the /_sim
// control API. close() destroys every open connection (hangs included) so it resolves promptly.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { anthropicRoutes, hasAnthropicHeaders } from './anthropic/anthropic-routes.ts';
import { systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { controlRoutes } from './control-routes.ts';
import { geminiRoutes } from './gemini/gemini-routes.ts';
import { sendJson } from './http-util.ts';
import { openaiRoutes } from './openai/openai-routes.ts';
import { matchRoute } from './router.ts';
import type { Route } from './router.ts';
import { loadScenarioFile, parseScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';
import { SimulatorState } from './state.ts';

export const DEFAULT_SCENARIO_PATH = fileURLToPath(new URL('./scenarios/default.json', import.meta.url));

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** A scenario object, or the path of a scenario JSON file; default: scenarios/default.json. */
  scenario?: Scenario | string;
  /** Injected time source (tests); default: the system clock. */
  clock?: Clock;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

const ROUTES: Route[] = [
  ...controlRoutes,
  // Order matters: plain /v1/models is Anthropic's only when anthropic headers are present.
  ...anthropicRoutes('/anthropic'),
  ...anthropicRoutes('', hasAnthropicHeaders),
  ...openaiRoutes(['/openai/v1', '/v1']),
  // @google/genai 3.x defaults to apiVersion v1; Gemini serves the same surface under v1 and v1beta.
  ...geminiRoutes(['/gemini/v1beta', '/gemini/v1', '/v1beta']),
];

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const scenario = typeof opts.scenario === 'string' ? loadScenarioFile(opts.scenario) : opts.scenario ? parseScenario(opts.scenario) : loadScenarioFile(DEFAULT_SCENARIO_PATH);
  const state = new SimulatorState(scenario, opts.clock ?? systemClock);
  let sequence = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const found = matchRoute(ROUTES, req, url.pathname);
    if (!found) return sendJson(res, 404, { error: { message: `Invalid URL (${req.method} ${url.pathname})`, type: 'invalid_request_error', param: null, code: null } });
    if ('allowed' in found) return sendJson(res, 405, { error: { message: `Method ${req.method} not allowed; use ${found.allowed.join(', ')}` } }, { allow: found.allowed.join(', ') });
    // 'close' on the response fires when the client disconnects (or the socket is destroyed by
    // close()): aborting here clears every pending timer and releases hung requests.
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    Promise.resolve(found.route.handle({ req, res, url, state, signal: abort.signal, sequence: sequence++, params: found.params })).catch((error: unknown) => {
      console.error('simulator: handler failed', error);
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'simulator internal error' } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = opts.host ?? '127.0.0.1';
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
