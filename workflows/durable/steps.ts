// The Temporal side of durable requests: provider calls as (local or regular) activities inside
// cancellation scopes, retry waits as durable timers, and the closing log record. The strategy
// logic is core/durable/ (shared with the in-process runner).
import { ActivityCancellationType, CancellationScope, isCancellation, proxyActivities, proxyLocalActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.ts';
import { buildTrace } from '../../core/durable/durable-trace.ts';
import type { StrategyExecutor } from '../../core/durable/executor.ts';
import type { DurableRequestInput, DurableRequestResult, ModelCallOutcome } from '../../core/durable/request.ts';
import type { TraceAttempt } from '../../core/trace.ts';

/** Slack over the attempt timeout before Temporal itself gives up on the activity (the activity
 * enforces the attempt timeout; this catches a worker that died mid-call). */
const ACTIVITY_SLACK_MS = 5_000;

function modelCaller(mode: DurableRequestInput['activityMode'], timeoutMs: number) {
  const options = {
    startToCloseTimeout: timeoutMs + ACTIVITY_SLACK_MS,
    // Provider failures are return values; what throws is infrastructure (a lost worker, the
    // credential lookup failing), worth a couple more tries.
    retry: { maximumAttempts: 3, initialInterval: '100 ms' },
    // An ensemble's losers are cancelled without waiting for them to acknowledge.
    cancellationType: ActivityCancellationType.TRY_CANCEL,
  };
  return mode === 'local' ? proxyLocalActivities<Activities>(options).callModel : proxyActivities<Activities>(options).callModel;
}

function logRecorder(mode: DurableRequestInput['activityMode']) {
  // The row must be written: retry for as long as a day (Postgres down, a deploy).
  const options = { startToCloseTimeout: '30 seconds', scheduleToCloseTimeout: '1 day', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } };
  return mode === 'local' ? proxyLocalActivities<Activities>(options).recordRequestLog : proxyActivities<Activities>(options).recordRequestLog;
}

export function workflowExecutor(input: DurableRequestInput): StrategyExecutor {
  const info = workflowInfo();
  return {
    call(step, request) {
      const scope = new CancellationScope();
      const call = modelCaller(input.activityMode, step.timeoutMs);
      const result: Promise<ModelCallOutcome> = scope.run(() => call({ orgId: input.orgId, step, request }));
      return { result, cancel: () => scope.cancel() };
    },
    sleep: (ms) => sleep(ms),
    temporal: { workflowId: info.workflowId, runId: info.runId, namespace: info.namespace },
  };
}

/**
 * Runs a durable strategy and writes its log row at the end. A cancelled workflow (the client
 * went away) is still logged, as cancelled, with the attempts made so far.
 */
export async function runAndRecord(
  input: DurableRequestInput,
  run: (attempts: TraceAttempt[], executor: StrategyExecutor) => Promise<DurableRequestResult>,
): Promise<DurableRequestResult> {
  const record = logRecorder(input.activityMode);
  const executor = workflowExecutor(input);
  const attempts: TraceAttempt[] = [];
  let result: DurableRequestResult;
  try {
    result = await run(attempts, executor);
  } catch (error) {
    if (!isCancellation(error)) throw error;
    const trace = buildTrace(input, attempts, 'the client disconnected; the request was cancelled', executor);
    const cancelled: DurableRequestResult = { ok: false, httpStatus: 499, message: 'cancelled', error: { kind: 'network', provider: 'gateway', message: 'the client disconnected' }, trace };
    await CancellationScope.nonCancellable(() => record({ requestId: input.requestId, log: input.log, startedAtMs: input.startedAtMs, result: cancelled, cancelled: true }));
    throw error;
  }
  await record({ requestId: input.requestId, log: input.log, startedAtMs: input.startedAtMs, result, cancelled: false });
  return result;
}
