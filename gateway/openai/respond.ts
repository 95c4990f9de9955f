// The two ways a routed request is answered: one JSON `chat.completion`, or an SSE stream of
// chunks. Both run the plan through runAttempts; a stream commits to an attempt (and flushes
// headers) only when its first part arrives, so fallback stays possible until the first byte.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ChatChoice, ChatRequest, StreamPart, Usage } from '../../core/chat.ts';
import type { PlanStep } from '../../core/plan.ts';
import { StreamAssembler } from '../request-log/body-capture.ts';
import { ProviderCallError } from '../../core/provider-error.ts';
import type { ProviderAdapter, ProviderKind } from '../../providers/adapter.ts';
import type { ProviderTargets } from '../provider-targets.ts';
import { runAttempts, type AttemptHealth } from '../router/run-attempts.ts';
import { encodeCompletion, type CompletionIdentity } from './chat-response.ts';
import { ChatStreamEncoder } from './chat-stream-encoder.ts';
import { sendJson } from './http-io.ts';
import { OpenAiHttpError } from './openai-error.ts';
import { configHeaders, type RoutedRequest } from './route-request.ts';
import type { TraceBuilder } from './trace-builder.ts';
import type { ClientPresence } from './client-presence.ts';

export interface RespondContext {
  res: ServerResponse;
  routed: RoutedRequest;
  request: Omit<ChatRequest, 'model'>;
  orgId: string;
  requestId: string;
  startedAt: number;
  /** The client: gone means stop (and abort the upstream call). */
  client: ClientPresence;
  trace: TraceBuilder;
  targets: ProviderTargets;
  adapterFor: (kind: ProviderKind) => ProviderAdapter;
  includeUsage: boolean;
  /** Rebuild the streamed choices for the request log (the project keeps bodies). */
  captureChoices: boolean;
  health?: AttemptHealth;
}

export interface Answered {
  model: string;
  provider: string;
  usage: Usage;
  /** The answer's choices (rebuilt from the stream when captureChoices is set). */
  choices: ChatChoice[];
  /** Set when the stream failed after its first byte (the status was already 200). */
  midStreamError?: ProviderCallError;
}

/** An SSE response: never cached, never buffered by a proxy (nginx honours x-accel-buffering). */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

function routingHeaders(ctx: RespondContext, model: string, provider: string): Record<string, string> {
  return {
    'x-switchyard-model': model,
    'x-switchyard-provider': provider,
    'x-switchyard-attempts': String(ctx.trace.attempts.filter((attempt) => attempt.outcome !== 'skipped').length),
    ...configHeaders(ctx.routed),
  };
}

const identity = (ctx: RespondContext, model: string): CompletionIdentity => ({
  id: `chatcmpl-${ctx.requestId}`,
  created: Math.floor(ctx.startedAt / 1000),
  model,
});

export async function respondJson(ctx: RespondContext): Promise<Answered> {
  const success = await runAttempts({
    plan: ctx.routed.plan,
    client: ctx.client,
    startedAt: ctx.startedAt,
    trace: ctx.trace.attempts,
    call: async ({ step, signal }) => {
      const target = await ctx.targets.forProvider(ctx.orgId, step.provider);
      return ctx.adapterFor(target.kind).generate(target, withModel(ctx.request, step.upstreamModel), { signal });
    },
    ...(ctx.health ? { health: ctx.health } : {}),
  });
  const { value: result, step, traceIndex } = success;
  ctx.trace.winner = traceIndex;
  sendJson(ctx.res, 200, encodeCompletion(identity(ctx, step.model), result.choices, result.usage), routingHeaders(ctx, step.model, step.provider));
  // Bookkeeping after the answer has left: pricing the attempt is not the client's wait.
  ctx.trace.recordUsage(traceIndex, result.usage);
  return { model: step.model, provider: step.provider, usage: result.usage, choices: result.choices };
}

export async function respondStream(ctx: RespondContext): Promise<Answered> {
  const { res } = ctx;
  const success = await runAttempts({
    plan: ctx.routed.plan,
    client: ctx.client,
    startedAt: ctx.startedAt,
    trace: ctx.trace.attempts,
    streamed: true,
    call: async ({ step, signal, clearTimeout }) => {
      const target = await ctx.targets.forProvider(ctx.orgId, step.provider);
      const iterator = ctx.adapterFor(target.kind).stream(target, withModel(ctx.request, step.upstreamModel), { signal })[Symbol.asyncIterator]();
      const first = await iterator.next();
      if (first.done) throw new ProviderCallError({ kind: 'network', provider: step.provider, message: 'the stream ended before any data' });
      // The attempt timeout bounds the time to the first token; the stream may then run on.
      clearTimeout();
      // An attempt whose first part arrived has succeeded, and runAttempts returns it as it is:
      // the headers and that part go out here, before the attempt's bookkeeping and the three
      // async returns between here and the caller (~8 µs of the client's first byte at c=1).
      return { iterator, stream: commitStream(ctx, step, first.value) };
    },
    ...(ctx.health ? { health: ctx.health } : {}),
  });
  const { value, step, traceIndex } = success;
  const stream = value.stream;
  ctx.trace.winner = traceIndex;
  try {
    if (stream.failure !== undefined) throw stream.failure;
    if (stream.blocked) await drained(res, ctx.client);
    for (let next = await value.iterator.next(); !next.done; next = await value.iterator.next()) {
      await stream.write(next.value);
    }
    ctx.trace.recordUsage(traceIndex, stream.usage);
    res.end(stream.encoder.done());
    return { model: step.model, provider: step.provider, usage: stream.usage, choices: stream.assembler?.result() ?? [] };
  } catch (error) {
    const failure = error instanceof ProviderCallError
      ? error
      : new ProviderCallError({ kind: 'network', provider: step.provider, message: error instanceof Error ? error.message : String(error) });
    const attempt = ctx.trace.attempts[traceIndex];
    if (attempt) Object.assign(attempt, { outcome: ctx.client.aborted ? 'cancelled' : 'error', errorKind: failure.info.kind, errorMessage: failure.info.message });
    // A stream that breaks after its first byte is the target's failure too (unless the client left).
    if (!ctx.client.aborted) ctx.health?.record(step.provider, step.model, { ok: false, kind: failure.info.kind });
    ctx.trace.recordUsage(traceIndex, stream.usage);
    if (!res.writableEnded && !ctx.client.aborted) {
      const body = new OpenAiHttpError(502, 'upstream_error', `The upstream stream failed after it started: ${failure.info.message}`, `upstream_${failure.info.kind}`, null, failure.info).body();
      res.end(stream.encoder.error(body));
    }
    return { model: step.model, provider: step.provider, usage: stream.usage, choices: stream.assembler?.result() ?? [], midStreamError: failure };
  }
}

/** A stream committed to the client: what the rest of it is written with. */
interface CommittedStream {
  encoder: ChatStreamEncoder;
  assembler: StreamAssembler | undefined;
  usage: Usage;
  write(part: StreamPart): Promise<void>;
  /** The first frame filled the socket's buffer: wait for drain before the next. */
  blocked: boolean;
  /** Writing the first frame threw (a bug, not the upstream): handled as a failure after the first byte. */
  failure?: unknown;
}

/** Sends the headers and the first part at once (see sendFirstFrame). Never throws. */
function commitStream(ctx: RespondContext, step: PlanStep, first: StreamPart): CommittedStream {
  const { res } = ctx;
  ctx.trace.committedToClient = true;
  ctx.trace.ttftMs = Date.now() - ctx.startedAt;
  const encoder = new ChatStreamEncoder(identity(ctx, step.model), ctx.includeUsage);
  const stream: CommittedStream = {
    encoder,
    assembler: ctx.captureChoices ? new StreamAssembler() : undefined,
    usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 },
    blocked: false,
    write: async (part) => {
      if (!put(part)) await drained(res, ctx.client);
    },
  };
  /** Records the part and writes its frame; false when the socket's buffer is full. */
  const put = (part: StreamPart): boolean => {
    if (part.type === 'usage') stream.usage = part.usage;
    stream.assembler?.add(part);
    const frame = encoder.encode(part);
    return !frame || res.write(frame);
  };
  try {
    res.writeHead(200, { ...SSE_HEADERS, ...routingHeaders(ctx, step.model, step.provider) });
    stream.blocked = !put(first);
    sendFirstFrame(res);
  } catch (error) {
    stream.failure = error;
  }
  return stream;
}

/**
 * Node batches one tick's writes (the first write corks the socket until process.nextTick). When
 * an upstream delivers many chunks in one read, that tick lasts until every chunk has been
 * re-encoded, so the client's first byte waited for the whole burst (~0.4 ms for a short answer
 * here). Uncorking after the first frame sends the headers and it at once; later frames still
 * batch per tick.
 */
function sendFirstFrame(res: ServerResponse): void {
  if (res.socket?.writableCorked) res.socket.uncork();
}

/** Waits for the socket to drain (backpressure), or for the client to go away. */
async function drained(res: ServerResponse, client: ClientPresence): Promise<void> {
  if (client.aborted) throw new Error('client disconnected');
  await once(res, 'drain', { signal: client.signal }).catch(() => {
    throw new Error('client disconnected');
  });
}

/** The request as sent to one attempt's model. Copy, then set: a property after a spread in one
 * literal is slow on this V8 and lands in the old generation (docs/architecture.md). */
function withModel(request: Omit<ChatRequest, 'model'>, model: string): ChatRequest {
  const copy = { ...request } as ChatRequest;
  copy.model = model;
  return copy;
}
