// The Gemini dialect and its routes under /gemini/v1beta (and plain /v1beta): generateContent,
// streamGenerateContent (SSE with alt=sse), and the models list. The key may come as the
// x-goog-api-key header or the ?key= query parameter.
import type { Dialect } from '../dialect.ts';
import { handleGeneration } from '../generation-handler.ts';
import { header, sendJson } from '../http-util.ts';
import type { Route, RouteContext } from '../router.ts';
import type { ModelBehavior } from '../scenario.ts';
import { estimateTokens } from '../tokens.ts';
import { geminiAuthError, geminiBadRequest, geminiFault, geminiNotFound } from './gemini-errors.ts';
import { parseGeminiRequest } from './gemini-request.ts';
import { renderGeminiJson } from './gemini-response.ts';
import { renderGeminiFrames } from './gemini-sse.ts';

export const geminiDialect: Dialect = {
  provider: 'gemini',
  // Gemini function calls carry no id.
  toolCallIdPrefix: '',
  checkAuth: (req, url) => (header(req, 'x-goog-api-key') || url.searchParams.get('key') ? undefined : geminiAuthError()),
  parse: parseGeminiRequest,
  badRequest: (message) => geminiBadRequest(message),
  notFound: geminiNotFound,
  fault: geminiFault,
  // Gemini sends no rate-limit headers; quota information lives in error details.
  headers: () => ({}),
  promptTokens: (request) => estimateTokens(request.promptText) + request.messageCount,
  renderJson: renderGeminiJson,
  renderFrames: renderGeminiFrames,
};

function modelObject(id: string, b: ModelBehavior) {
  return {
    name: `models/${id}`,
    version: '001',
    displayName: b.displayName ?? id,
    description: `Simulated ${b.displayName ?? id}`,
    inputTokenLimit: b.contextWindow,
    outputTokenLimit: b.maxOutputTokens,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: b.reasoningTokens > 0,
  };
}

function guarded(ctx: RouteContext, run: () => void): void {
  const auth = geminiDialect.checkAuth(ctx.req, ctx.url);
  if (auth) return sendJson(ctx.res, auth.status, auth.body);
  run();
}

export function geminiRoutes(prefixes: string[]): Route[] {
  return prefixes.flatMap((prefix): Route[] => [
    {
      method: 'POST',
      path: new RegExp(`^${prefix}/models/([^/:]+):(generateContent|streamGenerateContent)$`),
      handle: (ctx) => handleGeneration(ctx, geminiDialect, { model: decodeURIComponent(ctx.params[0] ?? ''), stream: ctx.params[1] === 'streamGenerateContent' }),
    },
    {
      method: 'GET',
      path: new RegExp(`^${prefix}/models$`),
      handle: (ctx) => guarded(ctx, () => sendJson(ctx.res, 200, { models: ctx.state.modelsOf('gemini').map(([id, b]) => modelObject(id, b)) })),
    },
    {
      method: 'GET',
      path: new RegExp(`^${prefix}/models/([^/:]+)$`),
      handle: (ctx) =>
        guarded(ctx, () => {
          const id = decodeURIComponent(ctx.params[0] ?? '');
          const behavior = ctx.state.behaviorFor(id, 'gemini');
          const nf = geminiNotFound(id);
          if (!behavior) return sendJson(ctx.res, nf.status, nf.body);
          sendJson(ctx.res, 200, modelObject(id, behavior));
        }),
    },
  ]);
}

