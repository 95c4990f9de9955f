// The shared engine behind every provider's generate endpoint: auth → override header → parse →
// model lookup → plan (fault + latency) → counters and rate windows → reply (error, hang, JSON
// or paced SSE). Dialects only translate; the behaviour lives here once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BEHAVIOR_HEADER, parseOverrideHeader, planRequest } from './behavior.ts';
import type { RequestPlan } from './behavior.ts';
import { isAbortError, untilAborted } from './clock.ts';
import { composeChoice } from './compose-answer.ts';
import type { Dialect, ErrorReply, RouteInfo } from './dialect.ts';
import { readJsonBody, sendJson } from './http-util.ts';
import type { ModelBehavior } from './scenario.ts';
import type { SimRequest, SimResult } from './sim-request.ts';
import type { SimulatorState } from './state.ts';
import { randomId, rngFor } from './rng.ts';
import { dropConnection, writeStream } from './stream-writer.ts';

export interface GenerationContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  state: SimulatorState;
  signal: AbortSignal;
  sequence: number;
}

export async function handleGeneration(ctx: GenerationContext, dialect: Dialect, route: RouteInfo): Promise<void> {
  const { req, res, url, state } = ctx;
  const startedAt = state.clock.now();
  const reject = (model: string, kind: string, reply: ErrorReply) => {
    state.counters.record(model, kind);
    sendJson(res, reply.status, reply.body, reply.headers);
  };
  // The body is read before the auth check only so that counters can attribute auth failures to
  // the requested model; the auth error still wins over any body problem, as with real APIs.
  const body = await readJsonBody(req);
  const bodyModel = body.ok && typeof (body.value as { model?: unknown } | undefined)?.model === 'string' ? (body.value as { model: string }).model : undefined;
  const modelHint = route.model ?? bodyModel ?? '(unknown)';
  const authError = dialect.checkAuth(req, url);
  if (authError) return reject(modelHint, 'auth_error', authError);
  const override = parseOverrideHeader(req.headers[BEHAVIOR_HEADER]);
  if (!override.ok) return reject(modelHint, 'invalid_request', dialect.badRequest(override.message));
  if (!body.ok) {
    const message = body.reason === 'too_large' ? 'Request body is too large.' : 'We could not parse the JSON body of your request.';
    return reject(modelHint, 'invalid_request', dialect.badRequest(message));
  }
  const parsed = dialect.parse(body.value, route);
  if (!parsed.ok) return reject(modelHint, 'invalid_request', parsed.error);
  const request = parsed.request;
  const behavior = state.behaviorFor(request.model, dialect.provider);
  if (!behavior) return reject(request.model, 'not_found', dialect.notFound(request.model));

  const plan = planRequest(behavior, override.override, state.rng);
  const promptTokens = dialect.promptTokens(request);
  const rate = state.rateLimits.consume(request.model, promptTokens, behavior.rateLimit, plan.outcome === 'rate_limit');
  const requestId = randomId('req_', rngFor('request-id', state.scenario.seed, ctx.sequence), 24);
  state.counters.record(request.model, plan.outcome);

  switch (plan.outcome) {
    case 'rate_limit':
    case 'quota':
    case 'server_error':
    case 'unavailable':
    case 'overloaded': {
      const reply = dialect.fault(plan.outcome, { model: request.model, retryAfterSeconds: plan.retryAfterSeconds, rate, requestId });
      return sendJson(res, reply.status, reply.body, { ...dialect.headers({ rate, requestId, processingMs: 0, now: state.clock.now() }), ...reply.headers });
    }
    case 'hang':
      // Never answer; the request ends only when the client (or the server's close) gives up.
      return untilAborted(ctx.signal);
    default:
      break;
  }

  const result = buildResult(state, dialect, request, behavior, plan, promptTokens, ctx.sequence);
  const headers = () => dialect.headers({ rate, requestId, processingMs: Math.round(state.clock.now() - startedAt), now: state.clock.now() });
  try {
    if (request.stream) {
      await writeStream({ res, frames: dialect.renderFrames(result), plan, clock: state.clock, signal: ctx.signal, headers: headers() });
      return;
    }
    const longest = Math.max(...result.choices.map((c) => c.outputTokens));
    const generationMs = plan.ttftMs + longest * plan.msPerToken;
    // Like the stream's pacing: a timer cannot wait less than ~1 ms, so a sub-millisecond
    // generation (a zero-latency model) answers at once instead of a whole timer tick later.
    // (An aborted request still goes through sleep, which rejects at once.)
    if (generationMs >= 1 || ctx.signal.aborted) await state.clock.sleep(generationMs, ctx.signal);
    if (plan.outcome === 'disconnect') return dropConnection(res);
    if (plan.outcome === 'stall') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers() });
      res.flushHeaders();
      return await untilAborted(ctx.signal);
    }
    if (plan.outcome === 'malformed') {
      const text = JSON.stringify(dialect.renderJson(result));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers() });
      return void res.end(text.slice(0, Math.floor(text.length / 2)));
    }
    sendJson(res, 200, dialect.renderJson(result), headers());
  } catch (error) {
    // The client went away (or the server is closing): nothing left to answer.
    if (!isAbortError(error)) throw error;
  }
}

function buildResult(state: SimulatorState, dialect: Dialect, request: SimRequest, behavior: ModelBehavior, plan: RequestPlan, promptTokens: number, sequence: number): SimResult {
  const options = { accuracy: plan.accuracy, answerTokens: plan.answerTokens, scenarioSeed: state.scenario.seed, toolCallIdPrefix: dialect.toolCallIdPrefix };
  const choices = Array.from({ length: request.n }, (_, i) => composeChoice(request, i, options));
  // Anthropic caches only on request (cache_control); OpenAI and Gemini cache automatically.
  const cacheable = dialect.provider !== 'anthropic' || request.cacheControl;
  const cache = cacheable ? state.promptCache.lookup(request.model, request.promptText, promptTokens) : { cached: 0, created: 0 };
  const idRng = rngFor('response-id', state.scenario.seed, sequence);
  return {
    id: randomId('', idRng, 29),
    created: Math.floor(state.clock.now() / 1000),
    model: behavior.responseModel ?? request.model,
    choices,
    usage: {
      inputTokens: promptTokens,
      outputTokens: choices.reduce((sum, c) => sum + c.outputTokens, 0),
      reasoningTokens: plan.reasoningTokens * request.n,
      cachedTokens: cache.cached,
      cacheCreationTokens: dialect.provider === 'anthropic' ? cache.created : 0,
    },
    request,
  };
}
