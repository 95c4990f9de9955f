// The cascade: attempts in order, each a provider call, stopping at the first answer that passes
// its accept checks. Retries of the same model follow retry_on and honour Retry-After (a durable
// timer inside a workflow); a rejected answer or a failed attempt escalates to the next step.
// Runs inside the cascade workflow (workflows/durable/) or in-process, through the executor.
import { DEFAULT_ACCEPT, evaluateAccept } from '../answers/accept.ts';
import { clientStatusFor, type ProviderErrorInfo } from '../provider-error.ts';
import { afterFailure } from '../retry-policy.ts';
import type { TraceAttempt } from '../trace.ts';
import { buildTrace, elapsedMs, traceEntry } from './durable-trace.ts';
import type { StrategyExecutor } from './executor.ts';
import type { DurableRequestInput, DurableRequestResult, ModelCallOutcome } from './request.ts';

type Answer = Extract<ModelCallOutcome, { ok: true }>;

/** Jitter for backoff without a Retry-After: fixed (a workflow has no randomness of its own). */
const BACKOFF_JITTER = 0.5;

/** Runs the cascade; `attempts` fills as it goes (so a cancelled run can still be logged). */
export async function runCascade(input: DurableRequestInput, attempts: TraceAttempt[], executor: StrategyExecutor): Promise<DurableRequestResult> {
  const { plan, request } = input;
  const onNoAccept = plan.durable?.kind === 'cascade' ? plan.durable.onNoAccept : 'return_last';
  let lastError: ProviderErrorInfo | undefined;
  let lastAnswer: { index: number; traceIndex: number; answer: Answer } | undefined;
  let why = '';

  steps: for (const [index, step] of plan.steps.entries()) {
    for (let retry = 0; retry <= step.maxRetries; retry++) {
      const remaining = plan.deadlineMs - elapsedMs(attempts);
      if (remaining <= 0) {
        why = 'deadline exceeded';
        break steps;
      }
      const reason = retry > 0
        ? `retry ${retry} of step ${index + 1} after ${lastError?.kind}`
        : index === 0 ? `cascade step 1 of ${plan.steps.length}` : `escalation to step ${index + 1} of ${plan.steps.length}: ${why}`;
      const timeoutMs = Math.min(step.timeoutMs, remaining);
      const outcome = await executor.call({ ...step, timeoutMs }, request).result;
      const entry = traceEntry(input, step, index, retry, reason, outcome);
      attempts.push(entry);
      if (outcome.ok) {
        const choice = outcome.choices[0];
        const verdict = choice ? evaluateAccept(step.accept ?? DEFAULT_ACCEPT, choice, request.responseFormat) : { accepted: false, reasons: ['no choices in the answer'] };
        entry.accepted = verdict.accepted;
        if (!verdict.accepted) entry.rejectReasons = verdict.reasons;
        if (verdict.accepted) {
          return success(input, executor, attempts, attempts.length - 1, outcome, true, `step ${index + 1} (${step.model}) passed its accept checks`);
        }
        lastAnswer = { index, traceIndex: attempts.length - 1, answer: outcome };
        why = `step ${index + 1} was rejected (${verdict.reasons[0]})`;
        continue steps;
      }
      lastError = outcome.error;
      why = `step ${index + 1} failed (${outcome.error.kind})`;
      const next = afterFailure(outcome.error, retry, step.maxRetries, plan.retryOn, plan.deadlineMs - elapsedMs(attempts), BACKOFF_JITTER);
      if (next.action === 'stop') break steps;
      if (next.action === 'next-step') continue steps;
      await executor.sleep(next.waitMs);
    }
  }

  if (lastAnswer && onNoAccept === 'return_last') {
    return success(input, executor, attempts, lastAnswer.traceIndex, lastAnswer.answer, false, `no answer passed its accept checks; returning step ${lastAnswer.index + 1}'s (the last answer)`);
  }
  const error: ProviderErrorInfo = lastAnswer
    ? { kind: 'server', provider: 'switchyard', message: `no answer passed its accept checks (${why})` }
    : lastError ?? { kind: 'timeout', provider: 'switchyard', message: 'the request deadline passed before any attempt' };
  const outcome = lastAnswer ? 'no answer passed its accept checks' : `${why || 'every step failed'} after ${attempts.length} attempt(s)`;
  return { ok: false, error, httpStatus: clientStatusFor(error.kind), message: outcome, trace: buildTrace(input, attempts, outcome, executor) };
}

function success(
  input: DurableRequestInput,
  executor: StrategyExecutor,
  attempts: TraceAttempt[],
  traceIndex: number,
  outcome: Answer,
  accepted: boolean,
  summary: string,
): DurableRequestResult {
  const winner = attempts[traceIndex]!;
  return {
    ok: true, httpStatus: 200, accepted,
    model: winner.model, provider: winner.provider, choices: outcome.choices, usage: outcome.usage,
    trace: buildTrace(input, attempts, summary, executor, { winner: traceIndex }),
  };
}
