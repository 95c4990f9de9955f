// POST /v1/chat/completions: authenticate the project key, validate the body, route `model`
// to an execution plan, answer (JSON or SSE), and always leave one request-log row with the
// decision trace — on success, failure, or a client that went away.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderAdapter, ProviderKind } from '../../providers/adapter.ts';
import type { RequestLogSink } from '../request-log/request-log-queue.ts';
import { captureRequest, captureResponse } from '../request-log/body-capture.ts';
import { toLogRow, type RequestOutcome } from '../request-log/log-row.ts';
import type { LogBodies, ProjectSettings } from '../project-settings.ts';
import type { ProviderTargets } from '../provider-targets.ts';
import { AttemptsExhausted } from '../router/run-attempts.ts';
import { randomBase62 } from '../security/api-keys.ts';
import { ChatCompletionRequest, decodeChatRequest } from './chat-request.ts';
import { plainChatRequest } from './plain-chat-request.ts';
import { header, readJsonBody, sendJson, type BodyLimits } from './http-io.ts';
import { OpenAiHttpError, invalidRequest, upstreamFailure } from './openai-error.ts';
import { authenticateProject, type Authenticate } from './authenticate.ts';
import { respondJson, respondStream, type Answered } from './respond.ts';
import { respondDurable } from './respond-durable.ts';
import { ClientLifetime } from './client-presence.ts';
import { DurableUnavailable, type DurableBackend } from '../durable/durable-runner.ts';
import type { DurableRequestInput } from '../../core/durable/request.ts';
import { requestTags } from './request-tags.ts';
import { routeRequest, type ResolveConfig } from './route-request.ts';
import { TraceBuilder } from './trace-builder.ts';
import { requestFacts, requestShape } from '../routing/request-facts.ts';
import type { ProviderHealthService } from '../provider-health/health-service.ts';

export interface ChatCompletionsDeps {
  authenticate: Authenticate;
  resolveConfig: ResolveConfig;
  /** Per-project log_bodies setting and model catalog (cached). */
  settings: (projectId: string) => Promise<ProjectSettings>;
  targets: ProviderTargets;
  adapterFor: (kind: ProviderKind) => ProviderAdapter;
  logs: RequestLogSink;
  /** Provider health: ejected or cooling targets are skipped, every attempt's outcome recorded. */
  health?: ProviderHealthService;
  /** Largest request body accepted, and how long a client may take to send it. */
  bodyLimits: BodyLimits;
  /** Cascade and ensemble run as Temporal workflows (absent: those configs answer 503). */
  durable?: { runner: DurableBackend; activityMode: DurableRequestInput['activityMode']; temporalWebUrl?: string };
}

export const newRequestId = () => `req_${randomBase62(24)}`;

export type RawHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function chatCompletionsHandler(deps: ChatCompletionsDeps): RawHandler {
  return async (req, res) => {
    const startedAt = Date.now();
    const requestId = newRequestId();
    res.setHeader('x-switchyard-request-id', requestId);
    const client = new ClientLifetime(res);

    let outcome: Omit<RequestOutcome, 'trace' | 'httpStatus'> | undefined;
    let streamed = false;
    const trace = new TraceBuilder(startedAt);
    let httpStatus = 200;
    let summary = 'success';
    /** A durable request's workflow writes its own log row (so a gateway crash loses none). */
    let loggedByWorkflow = false;
    /** What the log keeps of the request body: captured after the response, off the request's path. */
    let bodyCapture: { level: LogBodies; body: ChatCompletionRequest } | undefined;
    try {
      const key = await authenticateProject(req, deps.authenticate);
      const raw = await readJsonBody(req, deps.bodyLimits);
      const settings = await deps.settings(key.projectId);
      trace.catalog = settings.catalog;
      const body = plainChatRequest(raw) ?? parseChatRequest(raw);
      streamed = body.stream === true;
      trace.setRequest(body.model, streamed);
      bodyCapture = { level: settings.logBodies, body };
      outcome = {
        requestId,
        projectId: key.projectId,
        apiKeyId: key.keyId,
        requestedModel: body.model,
        stream: streamed,
        tags: requestTags(body.metadata, header(req, 'x-switchyard-tags')),
        createdAt: new Date(startedAt),
        // Optional fields go last: see "object literals on the hot path" in docs/architecture.md.
        ...(body.user ? { endUser: body.user } : {}),
      };
      const chatRequest = decodeChatRequest(body);
      const routed = await routeRequest(body.model, key.projectId, settings.catalog, deps.resolveConfig, {
        stream: streamed,
        facts: () => requestFacts(chatRequest, streamed),
        shape: () => requestShape(chatRequest, streamed),
        caller: { requestedModel: body.model, apiKeyId: key.keyId, tags: outcome.tags, ...(body.user ? { user: body.user } : {}) },
        ...(deps.health ? { health: deps.health } : {}),
      });
      trace.setRoute(routed);
      if (routed.config) Object.assign(outcome, { configId: routed.config.configId, configVersionId: routed.config.versionId });
      if (routed.variant) outcome.variant = routed.variant.ref;
      if (routed.plan.durable) {
        if (!deps.durable) throw new OpenAiHttpError(503, 'server_error', `The ${routed.plan.strategy} strategy runs on Temporal, which this gateway is not connected to.`, 'durable_unavailable');
        loggedByWorkflow = true;
        const requestBody = captureRequest(settings.logBodies, body);
        const { requestId: _id, createdAt, ...logged } = outcome;
        const { result } = await respondDurable({
          res, routed, request: chatRequest, orgId: key.orgId, requestId, startedAt, signal: client.signal,
          streamed, includeUsage: body.stream_options?.include_usage === true,
          log: Object.assign(logged, { logBodies: settings.logBodies, createdAt: createdAt.toISOString() }, requestBody ? { requestBody } : {}),
          runner: deps.durable.runner, activityMode: deps.durable.activityMode,
          ...(deps.durable.temporalWebUrl ? { temporalWebUrl: deps.durable.temporalWebUrl } : {}),
        });
        summary = result.trace.outcome;
        return;
      }
      const context = {
        res, routed, request: chatRequest, orgId: key.orgId, requestId, startedAt,
        client, trace, targets: deps.targets, adapterFor: deps.adapterFor,
        includeUsage: body.stream_options?.include_usage === true,
        captureChoices: settings.logBodies !== 'off',
        ...(deps.health ? { health: deps.health } : {}),
      };
      const answered: Answered = streamed ? await respondStream(context) : await respondJson(context);
      Object.assign(outcome, { model: answered.model, provider: answered.provider, responseBody: captureResponse(settings.logBodies, answered.choices) });
      if (answered.midStreamError) {
        Object.assign(outcome, { errorClass: answered.midStreamError.info.kind, cancelled: client.aborted });
        summary = client.aborted ? 'client disconnected during the stream' : `the stream failed after the first byte: ${answered.midStreamError.info.kind}`;
      } else {
        summary = `attempt ${(trace.winner ?? 0) + 1} succeeded`;
      }
    } catch (error) {
      // Not started after all: nobody else will log this request.
      if (error instanceof DurableUnavailable) loggedByWorkflow = false;
      const failure = toHttpError(error);
      httpStatus = failure.status;
      summary = error instanceof AttemptsExhausted ? `${error.reason} after ${error.attempts} attempt(s)` : failure.message;
      if (outcome) {
        Object.assign(outcome, { errorClass: failure.providerError?.kind ?? failure.code ?? failure.type, cancelled: client.aborted });
      }
      // The body never finished arriving: this connection cannot carry another request. (A 413's
      // body is drained instead, see discardRest, so the client can read the answer.)
      if (failure.status === 408) res.setHeader('connection', 'close');
      if (!res.headersSent && !client.aborted) sendOpenAiError(res, failure);
    } finally {
      // 499 (nginx's "client closed request"): the client left before the response was complete.
      if (outcome && !loggedByWorkflow) {
        const requestBody = bodyCapture && captureRequest(bodyCapture.level, bodyCapture.body);
        if (requestBody) outcome.requestBody = requestBody;
        deps.logs.push(toLogRow(Object.assign(outcome, { httpStatus: client.aborted ? 499 : httpStatus, trace: trace.finish(summary) })));
      }
    }
  };
}

/** The schema's verdict, for every body plainChatRequest does not vouch for. */
function parseChatRequest(raw: unknown): ChatCompletionRequest {
  const parsed = ChatCompletionRequest.safeParse(raw);
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  return parsed.data;
}

function invalidBody(issues: Array<{ path: PropertyKey[]; message: string }>): OpenAiHttpError {
  const issue = issues[0];
  const param = issue?.path.length ? issue.path.map(String).join('.') : null;
  return invalidRequest(param ? `Invalid value for '${param}': ${issue?.message}` : issue?.message ?? 'Invalid request body', param);
}

function toHttpError(error: unknown): OpenAiHttpError {
  if (error instanceof OpenAiHttpError) return error;
  if (error instanceof DurableUnavailable) return new OpenAiHttpError(503, 'server_error', `The request could not be started on Temporal: ${error.message}`, 'durable_unavailable');
  if (error instanceof AttemptsExhausted) {
    if (error.reason === 'deadline exceeded') {
      return new OpenAiHttpError(504, 'timeout_error', `The request deadline passed after ${error.attempts} attempt(s); the last: ${error.last.message}`, 'deadline_exceeded', null, error.last);
    }
    return upstreamFailure(error.last, error.attempts);
  }
  console.error('chat completion failed unexpectedly:', error);
  return new OpenAiHttpError(500, 'server_error', 'The gateway failed to process the request; see its log.', 'internal_error');
}

export function sendOpenAiError(res: ServerResponse, error: OpenAiHttpError): void {
  sendJson(res, error.status, error.body(), { ...error.headers, ...(error.retryAfterSeconds !== undefined ? { 'retry-after': String(error.retryAfterSeconds) } : {}) });
}
