// Answers a durable request (cascade, ensemble): the strategy runs as a Temporal workflow that
// also writes the request-log row, and the client gets the decided answer as one JSON
// `chat.completion` or — with "stream": true — as a valid SSE stream sent once the answer is
// decided (a cascade or an ensemble cannot stream live: the answer is only known to be the one
// to send after it has been checked or outvoted). Headers carry the routing outcome and votes.
import type { ChatChoice, StreamPart, Usage } from '../../core/chat.ts';
import type { DurableLogContext, DurableRequestInput, DurableRequestResult } from '../../core/durable/request.ts';
import { estimatePromptTokens } from '../../core/token-estimate.ts';
import type { DurableBackend, DurableWorkflowType } from '../durable/durable-runner.ts';
import { encodeCompletion, type CompletionIdentity } from './chat-response.ts';
import { ChatStreamEncoder } from './chat-stream-encoder.ts';
import { sendJson } from './http-io.ts';
import { OpenAiHttpError, upstreamFailure } from './openai-error.ts';
import { SSE_HEADERS, type RespondContext } from './respond.ts';
import { configHeaders, traceConfig } from './route-request.ts';

/** What the fast path's answerers get (respond.ts), minus their provider plumbing, plus the durable backend. */
export interface DurableContext extends Pick<RespondContext, 'res' | 'routed' | 'request' | 'orgId' | 'requestId' | 'startedAt' | 'includeUsage'> {
  /** Aborted when the client goes away (cancels the workflow). */
  signal: AbortSignal;
  streamed: boolean;
  log: DurableLogContext;
  runner: DurableBackend;
  activityMode: DurableRequestInput['activityMode'];
  temporalWebUrl?: string;
}

export interface DurableAnswered {
  result: DurableRequestResult;
}

export async function respondDurable(ctx: DurableContext): Promise<DurableAnswered> {
  const { plan } = ctx.routed;
  const type: DurableWorkflowType = plan.durable?.kind === 'ensemble' ? 'ensembleWorkflow' : 'cascadeWorkflow';
  const input: DurableRequestInput = {
    requestId: ctx.requestId,
    orgId: ctx.orgId,
    plan,
    request: ctx.request,
    startedAtMs: ctx.startedAt,
    log: ctx.log,
    activityMode: ctx.activityMode,
    promptTokensEstimate: estimatePromptTokens(ctx.request),
    ...traceConfig(ctx.routed),
    ...(ctx.temporalWebUrl ? { temporalWebUrl: ctx.temporalWebUrl } : {}),
  };
  const { result, workflowId, runId } = await ctx.runner.run(type, input, ctx.signal);
  const headers: Record<string, string> = {
    'x-switchyard-strategy': plan.strategy,
    'x-switchyard-attempts': String(result.trace.attempts.length),
    ...(workflowId && runId ? { 'x-switchyard-workflow-id': workflowId, 'x-switchyard-workflow-run-id': runId } : {}),
    ...configHeaders(ctx.routed),
    ...voteHeaders(result),
  };
  if (!result.ok) {
    const failure = upstreamFailure(result.error, result.trace.attempts.length);
    throw new OpenAiHttpError(failure.status, failure.type, `${plan.strategy} failed: ${result.message}. ${failure.message}`, failure.code, null, result.error, failure.retryAfterSeconds, headers);
  }
  Object.assign(headers, {
    'x-switchyard-model': result.model,
    'x-switchyard-provider': result.provider,
    'x-switchyard-accepted': String(result.accepted),
  });
  const identity: CompletionIdentity = { id: `chatcmpl-${ctx.requestId}`, created: Math.floor(ctx.startedAt / 1000), model: result.model };
  if (!ctx.streamed) {
    sendJson(ctx.res, 200, encodeCompletion(identity, result.choices, result.usage), headers);
  } else {
    ctx.res.writeHead(200, { ...SSE_HEADERS, ...headers });
    const encoder = new ChatStreamEncoder(identity, ctx.includeUsage);
    let body = '';
    for (const part of toStreamParts(result.choices, result.usage)) body += encoder.encode(part);
    ctx.res.end(body + encoder.done());
  }
  return { result };
}

/** The decided answer as the parts a live stream would have carried. */
function toStreamParts(choices: ChatChoice[], usage: Usage): StreamPart[] {
  const parts: StreamPart[] = [];
  for (const choice of choices) {
    if (choice.content) parts.push({ type: 'text-delta', choice: choice.index, text: choice.content });
    choice.toolCalls.forEach((call, index) => parts.push({ type: 'tool-call-delta', choice: choice.index, index, id: call.id, name: call.name, argsDelta: call.arguments }));
    parts.push({ type: 'finish', choice: choice.index, reason: choice.finishReason });
  }
  parts.push({ type: 'usage', usage });
  return parts;
}

/** x-switchyard-votes: "B=2;C=0.8" (answer keys shortened), and the winning member. */
function voteHeaders(result: DurableRequestResult): Record<string, string> {
  const aggregation = result.trace.aggregation;
  if (!aggregation) return {};
  const votes = aggregation.votes.map((v) => `${headerSafe(v.key)}=${v.weight}`).join(';');
  return {
    'x-switchyard-votes': votes || 'none',
    ...(aggregation.winnerMember !== undefined ? { 'x-switchyard-winner-member': String(aggregation.winnerMember + 1) } : {}),
  };
}

function headerSafe(key: string): string {
  const ascii = key.replace(/[^\x20-\x7e]/g, '?').replace(/[;=]/g, ' ');
  return ascii.length > 32 ? `${ascii.slice(0, 32)}...` : ascii;
}
