// What each provider folder implements: its auth rule, request parsing, error bodies, headers
// and renderers. The shared engine (generation-handler.ts) is written once against this.
import type { IncomingMessage } from 'node:http';
import type { RateLimitInfo } from './rate-limit-window.ts';
import type { ProviderId } from './scenario.ts';
import type { SimRequest, SimResult } from './sim-request.ts';

export interface ErrorReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The faults that are answered with an HTTP error (the others misbehave on the wire instead). */
export type HttpFault = 'rate_limit' | 'quota' | 'server_error' | 'unavailable' | 'overloaded';

export interface FaultContext {
  model: string;
  retryAfterSeconds: number;
  rate: RateLimitInfo;
  requestId: string;
}

/** One server-sent event; `tokens` is how many output tokens it carries (for pacing). */
export interface SseFrame {
  event?: string;
  data: string;
  tokens: number;
}

export type ParseResult = { ok: true; request: SimRequest } | { ok: false; error: ErrorReply };

export interface RouteInfo {
  /** Gemini carries the model in the path; the others in the body. */
  model?: string;
  /** Gemini chooses streaming by path (`:streamGenerateContent`). */
  stream?: boolean;
}

export interface HeaderContext {
  rate: RateLimitInfo;
  requestId: string;
  processingMs: number;
  /** Epoch milliseconds from the simulator's clock (for reset instants). */
  now: number;
}

export interface Dialect {
  provider: ProviderId;
  /** A prefix for tool-call ids (`call_`, `toolu_01`); empty when the provider has none. */
  toolCallIdPrefix: string;
  /** Returns the provider's auth error, or undefined when the request carries a key. */
  checkAuth(req: IncomingMessage, url: URL): ErrorReply | undefined;
  parse(body: unknown, route: RouteInfo): ParseResult;
  badRequest(message: string, param?: string): ErrorReply;
  notFound(model: string): ErrorReply;
  fault(kind: HttpFault, ctx: FaultContext): ErrorReply;
  /** Headers on every generation reply (request id, rate-limit headers). */
  headers(ctx: HeaderContext): Record<string, string>;
  /** Estimated input tokens, counted the way this provider bills them. */
  promptTokens(request: SimRequest): number;
  renderJson(result: SimResult): unknown;
  renderFrames(result: SimResult): SseFrame[];
}

export function formatFrame(frame: SseFrame): string {
  return `${frame.event ? `event: ${frame.event}\n` : ''}data: ${frame.data}\n\n`;
}
