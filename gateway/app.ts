// The gateway's HTTP surface. Routes are added here as the product grows: /healthz and /livez, the admin UI
// at /ui, the REST API at /api/v1 and the OpenAI-compatible endpoint at /v1.
import express from 'express';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { errorHandler, notFound } from './errors.ts';
import type { HealthReport, LivenessReport } from '../core/health.ts';

export interface AppDeps {
  health: () => Promise<HealthReport>;
  /** This process alone, for liveness probes (gateway/health.ts livenessReport). */
  liveness: () => LivenessReport;
  uiDir: string;
  /** The REST API (gateway/operations/express-router.ts createApiRouter). */
  apiRouter: express.Router;
  /** The OpenAI-compatible endpoint's non-hot routes (gateway/openai/v1-router.ts createV1). */
  v1Router: express.Router;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.get('/healthz', async (_req, res) => {
    const report = await deps.health();
    res.status(report.status === 'ok' ? 200 : 503).set('cache-control', 'no-store').json(report);
  });

  app.get('/livez', (_req, res) => {
    res.set('cache-control', 'no-store').json(deps.liveness());
  });

  app.use('/v1', deps.v1Router);
  app.use('/api/v1', deps.apiRouter);
  app.get('/openapi.json', (_req, res) => res.redirect(308, '/api/v1/openapi.json'));

  mountUi(app, deps.uiDir);
  app.get('/', (_req, res) => res.redirect(302, '/ui/'));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/**
 * The server's request listener: the hot path (POST /v1/chat/completions) goes straight to its
 * plain node:http handler; everything else to the Express app.
 */
export function createRequestListener(app: express.Express, chatCompletions: (req: IncomingMessage, res: ServerResponse) => Promise<void>): RequestListener {
  return (req, res) => {
    if (req.method === 'POST' && (req.url === '/v1/chat/completions' || req.url?.startsWith('/v1/chat/completions?'))) {
      void chatCompletions(req, res);
      return;
    }
    app(req, res);
  };
}

/** Serves the built Svelte SPA at /ui, with index.html as the fallback for client-side routes. */
function mountUi(app: express.Express, uiDir: string): void {
  const index = path.join(uiDir, 'index.html');
  if (!existsSync(index)) {
    app.use('/ui', (_req, res) => {
      res.status(503).type('text/plain').send('The admin UI is not built. Run: npm run build:ui');
    });
    return;
  }
  app.use('/ui', express.static(uiDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  app.get(/^\/ui(\/.*)?$/, (_req, res) => res.set('cache-control', 'no-cache').sendFile(index));
}

function noCacheForHtml(res: express.Response, filePath: string): void {
  if (filePath.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
