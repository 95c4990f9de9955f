// Runs an execution plan's steps in order: a per-attempt timeout, retries of the same step on
// failures the config's retry_on names (honouring Retry-After), then the next step, all within
// the request's overall deadline. Records every attempt in the decision trace. The `call` does
// the actual provider work (generate, or open a stream and await its first part).
// With a health registry, each step is first admitted: an ejected or cooling target is skipped
// (the trace says why) unless every step was skipped, and every outcome feeds the target's health.
import type { ExecutionPlan, PlanStep } from '../../core/plan.ts';
import { attemptErrorInfo, type ProviderErrorInfo } from '../../core/provider-error.ts';
import type { Admission } from '../../core/provider-health/health-types.ts';
import type { Outcome } from '../../core/provider-health/health-registry.ts';
import { afterFailure } from '../../core/retry-policy.ts';
import type { TraceAttempt } from '../../core/trace.ts';
import type { ClientPresence } from '../openai/client-presence.ts';
import type { CallSignal } from '../../providers/adapter.ts';
import { AttemptAbort } from './attempt-abort.ts';

export interface AttemptContext {
  step: PlanStep;
  /** Aborted by the attempt timeout, the overall deadline or the client going away. */
  signal: CallSignal;
  /** Ends the attempt timeout once the attempt has succeeded (a stream keeps running after). */
  clearTimeout(): void;
}

export interface AttemptsSuccess<T> {
  value: T;
  step: PlanStep;
  /** Index of the winning attempt in the trace. */
  traceIndex: number;
}

export class AttemptsExhausted extends Error {
  constructor(
    readonly last: ProviderErrorInfo,
    readonly attempts: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** What runAttempts needs of the provider-health registry (core/provider-health). */
export interface AttemptHealth {
  admit(provider: string, model: string): Admission;
  record(provider: string, model: string, outcome: Outcome): void;
}

export interface RunAttemptsOptions<T> {
  plan: ExecutionPlan;
  /** The request's client: gone means stop. */
  client: ClientPresence;
  startedAt: number;
  trace: TraceAttempt[];
  call: (context: AttemptContext) => Promise<T>;
  health?: AttemptHealth;
  /** A stream's attempt succeeds at its first part: its latency is a time to first token. */
  streamed?: boolean;
}

export async function runAttempts<T>(options: RunAttemptsOptions<T>): Promise<AttemptsSuccess<T>> {
  const { plan, trace } = options;
  const run: RunState = { deadline: options.startedAt + plan.deadlineMs, last: undefined, ran: 0 };
  const skipped: number[] = [];
  for (const [stepIndex, step] of plan.steps.entries()) {
    const admission = options.health?.admit(step.provider, step.model);
    if (admission && !admission.admitted) {
      skipped.push(stepIndex);
      trace.push(skippedEntry(options, stepIndex, step, admission.reason));
      continue;
    }
    const success = await runStep(options, run, stepIndex, step, admission?.probe ? 'half-open probe' : undefined);
    if (success) return success;
  }
  // Nothing else is left: rather than fail without trying, send the request to the skipped targets.
  if (run.ran === 0) {
    for (const stepIndex of skipped) {
      const success = await runStep(options, run, stepIndex, plan.steps[stepIndex]!, 'last resort: every candidate is ejected or cooling');
      if (success) return success;
    }
  }
  throw new AttemptsExhausted(run.last ?? timeoutInfo(plan.steps[0]!, skipped.length ? 'every candidate was skipped' : 'no step to run'), trace.length, 'every step failed');
}

interface RunState {
  deadline: number;
  last: ProviderErrorInfo | undefined;
  /** Attempts actually sent (skipped steps excluded). */
  ran: number;
}

/** One step with its retries; undefined when it failed in a way that moves on to the next step. */
async function runStep<T>(options: RunAttemptsOptions<T>, run: RunState, stepIndex: number, step: PlanStep, note?: string): Promise<AttemptsSuccess<T> | undefined> {
  const { plan, client, trace, health } = options;
  for (let retry = 0; retry <= step.maxRetries; retry++) {
    const remaining = run.deadline - Date.now();
    if (remaining <= 0 || client.aborted) {
      throw new AttemptsExhausted(run.last ?? timeoutInfo(step, 'the request deadline passed before any attempt'), trace.length, client.aborted ? 'client disconnected' : 'deadline exceeded');
    }
    const last = run.last;
    const base = retry > 0
      ? `retry ${retry} of step ${stepIndex + 1} after ${last?.kind}${last?.retryAfterMs !== undefined ? ` (retry-after ${last.retryAfterMs} ms)` : ''}`
      : stepIndex === 0 ? `plan step 1 of ${plan.steps.length}` : `fallback to step ${stepIndex + 1} of ${plan.steps.length}${last ? ` after ${last.kind}` : ''}`;
    const reason = note && retry === 0 ? `${base} (${note})` : base;
    const timeoutMs = Math.min(step.timeoutMs, remaining);
    const controller = new AttemptAbort();
    const unsubscribe = client.onAbort(() => controller.abort(client.reason));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('attempt timeout'));
    }, timeoutMs);
    const attemptStart = Date.now();
    const entry: TraceAttempt = {
      step: stepIndex, retry, model: step.model, provider: step.provider, reason,
      startMs: attemptStart - options.startedAt, latencyMs: 0, outcome: 'success',
      inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0,
    };
    trace.push(entry);
    run.ran++;
    try {
      const value = await options.call({ step, signal: controller, clearTimeout: () => clearTimeout(timer) });
      clearTimeout(timer);
      unsubscribe();
      entry.latencyMs = Date.now() - attemptStart;
      health?.record(step.provider, step.model, options.streamed ? { ok: true, ttftMs: entry.latencyMs } : { ok: true, latencyMs: entry.latencyMs });
      return { value, step, traceIndex: trace.length - 1 };
    } catch (error) {
      clearTimeout(timer);
      unsubscribe();
      const info = attemptErrorInfo(error, step.provider, timedOut ? timeoutMs : undefined);
      Object.assign(entry, {
        latencyMs: Date.now() - attemptStart,
        outcome: client.aborted ? 'cancelled' : 'error',
        errorKind: info.kind,
        errorMessage: info.message,
        ...(info.status !== undefined ? { httpStatus: info.status } : {}),
      });
      run.last = info;
      // A client that went away says nothing about the target.
      if (!client.aborted) health?.record(step.provider, step.model, { ok: false, kind: info.kind, ...(info.retryAfterMs !== undefined ? { retryAfterMs: info.retryAfterMs } : {}) });
      if (client.aborted) throw new AttemptsExhausted(info, trace.length, 'client disconnected');
      const next = afterFailure(info, retry, step.maxRetries, plan.retryOn, run.deadline - Date.now(), Math.random());
      if (next.action === 'stop') throw new AttemptsExhausted(info, trace.length, `${info.kind}: the request itself was refused`);
      if (next.action === 'next-step') return undefined;
      await sleep(next.waitMs, client);
    }
  }
  return undefined;
}

function skippedEntry<T>(options: RunAttemptsOptions<T>, stepIndex: number, step: PlanStep, reason: string): TraceAttempt {
  return {
    step: stepIndex, retry: 0, model: step.model, provider: step.provider, reason: `skipped: ${reason}`,
    startMs: Date.now() - options.startedAt, latencyMs: 0, outcome: 'skipped',
    inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0,
  };
}

function timeoutInfo(step: PlanStep, message: string): ProviderErrorInfo {
  return { kind: 'timeout', provider: step.provider, message };
}

function sleep(ms: number, client: ClientPresence): Promise<void> {
  return new Promise((resolve) => {
    let unsubscribe = () => {};
    const timer = setTimeout(done, ms);
    unsubscribe = client.onAbort(done);
    function done() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
