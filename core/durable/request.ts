// What the gateway hands a durable (cascade / ensemble) workflow, and what it gets back. Plain
// JSON: it travels through Temporal's history, so it is the durable record of the request.
import type { ChatChoice, ChatRequest, Usage } from '../chat.ts';
import type { ExecutionPlan, PlanStep } from '../plan.ts';
import type { ProviderErrorInfo } from '../provider-error.ts';
import type { DecisionTrace, TraceAttempt } from '../trace.ts';

/** Fields of the request-log row known before the workflow starts (the workflow writes the row). */
export interface DurableLogContext {
  projectId: string;
  apiKeyId?: string;
  configId?: string;
  configVersionId?: string;
  requestedModel: string;
  stream: boolean;
  endUser?: string;
  tags: Record<string, string>;
  requestBody?: object;
  /** A/B: the variant that served the request ("@production"). */
  variant?: string;
  /** The project's log_bodies setting, applied to the answer when the row is written. */
  logBodies: 'off' | 'metadata' | 'full';
  /** ISO time the gateway received the request. */
  createdAt: string;
}

export interface DurableRequestInput {
  requestId: string;
  orgId: string;
  plan: ExecutionPlan;
  request: Omit<ChatRequest, 'model'>;
  /** The gateway's clock when the request arrived (ms since epoch): attempts are timed from it. */
  startedAtMs: number;
  config?: DecisionTrace['config'];
  variant?: DecisionTrace['variant'];
  rule?: DecisionTrace['rule'];
  log: DurableLogContext;
  /** Provider calls as local activities (fewer round trips to the server) or regular ones. */
  activityMode: 'local' | 'remote';
  /** Estimated prompt tokens, charged for members cancelled mid-call. */
  promptTokensEstimate: number;
  temporalWebUrl?: string;
}

/** One provider call, made by the callModel activity. Provider failures are values, not throws:
 * the workflow decides on retries and escalation, and the history records each outcome. */
export interface ModelCallInput {
  orgId: string;
  step: PlanStep;
  request: Omit<ChatRequest, 'model'>;
}

export type ModelCallOutcome =
  | { ok: true; model: string; choices: ChatChoice[]; usage: Usage; startedAtMs: number; latencyMs: number }
  | { ok: false; error: ProviderErrorInfo; startedAtMs: number; latencyMs: number };

export type DurableRequestResult =
  | {
      ok: true;
      model: string;
      provider: string;
      choices: ChatChoice[];
      usage: Usage;
      /** False when a cascade returned its last answer although no answer passed its checks. */
      accepted: boolean;
      trace: DecisionTrace;
      httpStatus: 200;
    }
  | { ok: false; error: ProviderErrorInfo; httpStatus: number; message: string; trace: DecisionTrace };

/** What the recordRequestLog activity writes (it adds the total latency from its own clock). */
export interface DurableLogRecord {
  requestId: string;
  log: DurableLogContext;
  startedAtMs: number;
  result: DurableRequestResult;
  cancelled: boolean;
}

export type { TraceAttempt };
