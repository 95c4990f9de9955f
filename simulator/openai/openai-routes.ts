// The OpenAI dialect (auth, parsing, errors, renderers) and its routes: chat completions and the
// models list, served under /openai/v1 and (for compatibility) plain /v1.
import type { Dialect } from '../dialect.ts';
import { handleGeneration } from '../generation-handler.ts';
import { header, sendJson } from '../http-util.ts';
import type { Route } from '../router.ts';
import type { SimulatorState } from '../state.ts';
import { estimateTokens } from '../tokens.ts';
import { openaiAuthError, openaiBadRequest, openaiFault, openaiHeaders, openaiNotFound } from './openai-errors.ts';
import { parseOpenAIRequest } from './openai-request.ts';
import { renderOpenAIJson } from './openai-response.ts';
import { renderOpenAIFrames } from './openai-stream.ts';

/** A fixed creation time: the list must not change between calls. */
const MODEL_CREATED = 1_715_367_049;

export const openaiDialect: Dialect = {
  provider: 'openai',
  toolCallIdPrefix: 'call_',
  checkAuth: (req) => (/^Bearer\s+\S+/i.test(header(req, 'authorization') ?? '') ? undefined : openaiAuthError()),
  parse: (body) => parseOpenAIRequest(body),
  badRequest: (message, param) => openaiBadRequest(message, param),
  notFound: openaiNotFound,
  fault: openaiFault,
  headers: openaiHeaders,
  // ~3 tokens of framing per message plus 3 to prime the reply, as OpenAI's chat format counts.
  promptTokens: (request) => estimateTokens(request.promptText) + 3 * request.messageCount + 3,
  renderJson: renderOpenAIJson,
  renderFrames: renderOpenAIFrames,
};

function modelObject(id: string) {
  return { id, object: 'model', created: MODEL_CREATED, owned_by: 'system' };
}

export function listOpenAIModels(state: SimulatorState) {
  return { object: 'list', data: state.modelsOf('openai').map(([name]) => modelObject(name)) };
}

export function openaiRoutes(prefixes: string[]): Route[] {
  return prefixes.flatMap((prefix): Route[] => [
    { method: 'POST', path: new RegExp(`^${prefix}/chat/completions$`), handle: (ctx) => handleGeneration(ctx, openaiDialect, {}) },
    {
      method: 'GET',
      path: new RegExp(`^${prefix}/models$`),
      handle: ({ req, res, state }) => {
        const auth = openaiDialect.checkAuth(req, new URL('http://x'));
        if (auth) return sendJson(res, auth.status, auth.body);
        sendJson(res, 200, listOpenAIModels(state));
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${prefix}/models/([^/]+)$`),
      handle: ({ req, res, state, params }) => {
        const auth = openaiDialect.checkAuth(req, new URL('http://x'));
        if (auth) return sendJson(res, auth.status, auth.body);
        const id = decodeURIComponent(params[0] ?? '');
        if (!state.behaviorFor(id, 'openai')) {
          const nf = openaiNotFound(id);
          return sendJson(res, nf.status, nf.body);
        }
        sendJson(res, 200, modelObject(id));
      },
    },
  ]);
}
