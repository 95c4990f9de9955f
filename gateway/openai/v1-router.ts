// The OpenAI-compatible surface at /v1. Its own body parser (with a size limit, before any
// buffering beyond it) and error handler, so every failure has OpenAI's error shape.
import express, { type ErrorRequestHandler, type Router } from 'express';
import { listModels } from '../../core/catalog.ts';
import type { PrismaClient } from '../../db/client.ts';
import { authenticateProject } from './authenticate.ts';
import { chatCompletionsHandler, sendOpenAiError, type ChatCompletionsDeps } from './chat-completions.ts';
import { OpenAiHttpError, invalidRequest } from './openai-error.ts';

export interface V1Deps extends ChatCompletionsDeps {
  prisma: PrismaClient;
  bodyLimit: string;
}

export function createV1Router(deps: V1Deps): Router {
  const router = express.Router();
  router.use(express.json({ limit: deps.bodyLimit, type: () => true }));
  router.post('/chat/completions', chatCompletionsHandler(deps));
  router.get('/models', async (req, res, next) => {
    try {
      const key = await authenticateProject(req, deps.authenticate);
      const configs = await deps.prisma.routingConfig.findMany({ where: { projectId: key.projectId }, orderBy: { name: 'asc' }, select: { name: true, createdAt: true } });
      res.json({
        object: 'list',
        data: [
          ...listModels((await deps.settings(key.projectId)).catalog).map((model) => ({ id: model.id, object: 'model', created: 0, owned_by: model.provider })),
          ...configs.map((config) => ({ id: `@${config.name}`, object: 'model', created: Math.floor(config.createdAt.getTime() / 1000), owned_by: 'switchyard' })),
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
  const e = error as { status?: number; type?: string; message?: string; limit?: number };
  if (e?.type === 'entity.too.large') {
    return new OpenAiHttpError(413, 'invalid_request_error', `The request body is larger than the limit of ${e.limit ?? '?'} bytes.`, 'request_too_large');
  }
  if (e?.type === 'entity.parse.failed') {
    return invalidRequest('We could not parse the JSON body of your request. The body must be valid JSON.', null, 'invalid_json');
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return invalidRequest(e.message ?? 'Bad request');
  console.error('/v1 request failed unexpectedly:', error);
  return new OpenAiHttpError(500, 'server_error', 'The gateway failed to process the request; see its log.', 'internal_error');
}
