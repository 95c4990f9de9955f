// Runs an execution plan's steps in order: a per-attempt timeout, retries of the same step on
// failures the config's retry_on names (honouring Retry-After), then the next step, all within
// the request's overall deadline. Records every attempt in the decision trace. The `call` does
// the actual provider work (generate, or open a stream and await its first part).
import type { ExecutionPlan, PlanStep } from '../../core/plan.ts';
import { attemptErrorInfo, type ProviderErrorInfo } from '../../core/provider-error.ts';
import { isFatalForRequest, matchesRetryOn, retryDelayMs } from '../../core/retry-policy.ts';
import type { TraceAttempt } from '../../core/trace.ts';

export interface AttemptContext {
  step: PlanStep;
  /** Aborted by the attempt timeout, the overall deadline or the client going away. */
  signal: AbortSignal;
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

export interface RunAttemptsOptions<T> {
  plan: ExecutionPlan;
  /** The request's own signal: the client disconnected. */
  signal: AbortSignal;
  startedAt: number;
  trace: TraceAttempt[];
  call: (context: AttemptContext) => Promise<T>;
}

export async function runAttempts<T>({ plan, signal, startedAt, trace, call }: RunAttemptsOptions<T>): Promise<AttemptsSuccess<T>> {
  const deadline = startedAt + plan.deadlineMs;
  let last: ProviderErrorInfo | undefined;
  for (const [stepIndex, step] of plan.steps.entries()) {
    for (let retry = 0; retry <= step.maxRetries; retry++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || signal.aborted) {
        throw new AttemptsExhausted(last ?? timeoutInfo(step, 'the request deadline passed before any attempt'), trace.length, signal.aborted ? 'client disconnected' : 'deadline exceeded');
      }
      const reason = retry > 0
        ? `retry ${retry} of step ${stepIndex + 1} after ${last?.kind}${last?.retryAfterMs !== undefined ? ` (retry-after ${last.retryAfterMs} ms)` : ''}`
        : stepIndex === 0 ? `plan step 1 of ${plan.steps.length}` : `fallback to step ${stepIndex + 1} of ${plan.steps.length} after ${last?.kind}`;
      const timeoutMs = Math.min(step.timeoutMs, remaining);
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('attempt timeout'));
      }, timeoutMs);
      const attemptStart = Date.now();
      const entry: TraceAttempt = {
        step: stepIndex, retry, model: step.model, provider: step.provider, reason,
        startMs: attemptStart - startedAt, latencyMs: 0, outcome: 'success',
        inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0,
      };
      trace.push(entry);
      try {
        const value = await call({ step, signal: controller.signal, clearTimeout: () => clearTimeout(timer) });
        clearTimeout(timer);
        entry.latencyMs = Date.now() - attemptStart;
        return { value, step, traceIndex: trace.length - 1 };
      } catch (error) {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const info = attemptErrorInfo(error, step.provider, timedOut ? timeoutMs : undefined);
        Object.assign(entry, {
          latencyMs: Date.now() - attemptStart,
          outcome: signal.aborted ? 'cancelled' : 'error',
          errorKind: info.kind,
          errorMessage: info.message,
          ...(info.status !== undefined ? { httpStatus: info.status } : {}),
        });
        last = info;
        if (signal.aborted) throw new AttemptsExhausted(info, trace.length, 'client disconnected');
        if (isFatalForRequest(info)) throw new AttemptsExhausted(info, trace.length, `${info.kind}: the request itself was refused`);
        if (retry >= step.maxRetries || !matchesRetryOn(info, plan.retryOn)) break;
        const wait = retryDelayMs(info, retry, Math.random());
        if (wait === undefined || Date.now() + wait >= deadline) break;
        await sleep(wait, signal);
      }
    }
  }
  throw new AttemptsExhausted(last ?? timeoutInfo(plan.steps[0]!, 'no step to run'), trace.length, 'every step failed');
}

function timeoutInfo(step: PlanStep, message: string): ProviderErrorInfo {
  return { kind: 'timeout', provider: step.provider, message };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
