// The OpenAI-compatible surface at /v1, with its own error handler so every failure has OpenAI's
// error shape. POST /chat/completions, the hot path, bypasses Express entirely (see
// gateway/app.ts createRequestListener); the rest (/models, unknown URLs) goes through here.
import express, { type ErrorRequestHandler, type Router } from 'express';
import { listModels } from '../../core/catalog.ts';
import type { SqlClient } from '../../db/sql.ts';
import { authenticateProject } from './authenticate.ts';
import { chatCompletionsHandler, sendOpenAiError, type ChatCompletionsDeps, type RawHandler } from './chat-completions.ts';
import { OpenAiHttpError } from './openai-error.ts';

export interface V1Deps extends ChatCompletionsDeps {
  db: SqlClient;
}

export interface V1Surface {
  router: Router;
  chatCompletions: RawHandler;
}

export function createV1(deps: V1Deps): V1Surface {
  return { router: createV1Router(deps), chatCompletions: chatCompletionsHandler(deps) };
}

function createV1Router(deps: V1Deps): Router {
  const router = express.Router();
  router.get('/models', async (req, res, next) => {
    try {
      const key = await authenticateProject(req, deps.authenticate);
      const { rows: configs } = await deps.db.query<{ name: string; created_at: Date }>(
        'SELECT name, created_at FROM routing_configs WHERE project_id = $1 ORDER BY name',
        [key.projectId],
      );
      res.json({
        object: 'list',
        data: [
          ...listModels((await deps.settings(key.projectId)).catalog).map((model) => ({ id: model.id, object: 'model', created: 0, owned_by: model.provider })),
          ...configs.map((config) => ({ id: `@${config.name}`, object: 'model', created: Math.floor(config.created_at.getTime() / 1000), owned_by: 'switchyard' })),
        ],
      });
    } catch (error) {
      next(error);
    }
  });
  router.use((req, _res, next) => next(new OpenAiHttpError(404, 'invalid_request_error', `Unknown request URL: ${req.method} /v1${req.path}.`, 'unknown_url')));
  router.use(v1ErrorHandler);
  return router;
}

const v1ErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendOpenAiError(res, toOpenAiError(error));
};

function toOpenAiError(error: unknown): OpenAiHttpError {
  if (error instanceof OpenAiHttpError) return error;
  console.error('/v1 request failed unexpectedly:', error);
  return new OpenAiHttpError(500, 'server_error', 'The gateway failed to process the request; see its log.', 'internal_error');
}
