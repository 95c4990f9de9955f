// The Anthropic dialect and its routes: POST /v1/messages and the models list, under /anthropic
// and (as aliases) at the root. Plain GET /v1/models is Anthropic's only when anthropic headers
// are present; otherwise it is OpenAI's (see server.ts).
import type { IncomingMessage } from 'node:http';
import type { Dialect } from '../dialect.ts';
import { handleGeneration } from '../generation-handler.ts';
import { header, sendJson } from '../http-util.ts';
import type { Route, RouteContext } from '../router.ts';
import type { SimulatorState } from '../state.ts';
import { estimateTokens } from '../tokens.ts';
import { anthropicAuthError, anthropicBadRequest, anthropicFault, anthropicHeaders, anthropicMissingVersion, anthropicNotFound } from './anthropic-errors.ts';
import { parseAnthropicRequest } from './anthropic-request.ts';
import { renderAnthropicJson } from './anthropic-response.ts';
import { renderAnthropicFrames } from './anthropic-sse.ts';

/** Tool use makes Anthropic prepend a hidden system prompt of roughly this many tokens. */
const TOOL_SYSTEM_TOKENS = 346;

export const anthropicDialect: Dialect = {
  provider: 'anthropic',
  toolCallIdPrefix: 'toolu_01',
  checkAuth: (req) => {
    // x-api-key, or a bearer token (the SDK's authToken option).
    if (!header(req, 'x-api-key') && !/^Bearer\s+\S+/i.test(header(req, 'authorization') ?? '')) return anthropicAuthError();
    if (!header(req, 'anthropic-version')) return anthropicMissingVersion();
    return undefined;
  },
  parse: (body) => parseAnthropicRequest(body),
  badRequest: (message) => anthropicBadRequest(message),
  notFound: anthropicNotFound,
  fault: anthropicFault,
  headers: anthropicHeaders,
  promptTokens: (request) => estimateTokens(request.promptText) + 3 * request.messageCount + (request.tools.length > 0 ? TOOL_SYSTEM_TOKENS : 0),
  renderJson: renderAnthropicJson,
  renderFrames: renderAnthropicFrames,
};

export function hasAnthropicHeaders(req: IncomingMessage): boolean {
  return header(req, 'anthropic-version') !== undefined || header(req, 'x-api-key') !== undefined;
}

function modelObject(id: string, displayName: string | undefined) {
  return { type: 'model', id, display_name: displayName ?? id, created_at: '2025-09-29T00:00:00Z' };
}

export function listAnthropicModels(state: SimulatorState) {
  const data = state.modelsOf('anthropic').map(([id, b]) => modelObject(id, b.displayName));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
}

function guarded(ctx: RouteContext, body: () => unknown): void {
  const auth = anthropicDialect.checkAuth(ctx.req, ctx.url);
  if (auth) return sendJson(ctx.res, auth.status, auth.body);
  const reply = body();
  if (reply) sendJson(ctx.res, 200, reply);
}

export function anthropicRoutes(prefix: string, when?: Route['when']): Route[] {
  return [
    { method: 'POST', path: new RegExp(`^${prefix}/v1/messages$`), handle: (ctx) => handleGeneration(ctx, anthropicDialect, {}) },
    { method: 'GET', path: new RegExp(`^${prefix}/v1/models$`), ...(when ? { when } : {}), handle: (ctx) => guarded(ctx, () => listAnthropicModels(ctx.state)) },
    {
      method: 'GET',
      path: new RegExp(`^${prefix}/v1/models/([^/]+)$`),
      ...(when ? { when } : {}),
      handle: (ctx) =>
        guarded(ctx, () => {
          const id = decodeURIComponent(ctx.params[0] ?? '');
          const behavior = ctx.state.behaviorFor(id, 'anthropic');
          if (behavior) return modelObject(id, behavior.displayName);
          const nf = anthropicNotFound(id);
          sendJson(ctx.res, nf.status, nf.body);
          return undefined;
        }),
    },
  ];
}
