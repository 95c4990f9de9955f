// The ensemble: every member is asked at once; answers are tallied as they arrive
// (core/answers/tally.ts) and, once the outcome cannot change, the members still running are
// cancelled. The overall timeout is a timer (durable inside a workflow): at it, the outcome is
// decided with whatever answered. Cancelled members are charged their estimated prompt.
// Runs inside the ensemble workflow (workflows/durable/) or in-process, through the executor.
import { evaluateAccept } from '../answers/accept.ts';
import { answerKey } from '../answers/answer-key.ts';
import { Tally, type MemberOutcome } from '../answers/tally.ts';
import { clientStatusFor, type ProviderErrorInfo } from '../provider-error.ts';
import type { TraceAttempt } from '../trace.ts';
import { buildTrace, traceEntry } from './durable-trace.ts';
import type { StrategyExecutor } from './executor.ts';
import type { DurableRequestInput, DurableRequestResult, ModelCallOutcome } from './request.ts';

type Finished = { member: number; outcome: ModelCallOutcome } | { member: number; failure: unknown };

/** Runs the ensemble; `attempts` fills as it goes (so a cancelled run can still be logged). */
export async function runEnsemble(input: DurableRequestInput, attempts: TraceAttempt[], executor: StrategyExecutor): Promise<DurableRequestResult> {
  const { plan, request } = input;
  const durable = plan.durable;
  if (durable?.kind !== 'ensemble') throw new Error('ensembleWorkflow needs an ensemble plan');
  const tally = new Tally({ aggregation: durable.aggregation, weights: plan.steps.map((s) => s.weight ?? 1), quorum: durable.quorum });
  const answers = new Map<number, Extract<ModelCallOutcome, { ok: true }>>();
  const traceIndexOf = new Map<number, number>();

  const calls = plan.steps.map((step) => executor.call(step, request));
  const running = new Map<number, Promise<Finished>>();
  calls.forEach((call, member) => {
    running.set(member, call.result.then(
      (outcome): Finished => ({ member, outcome }),
      (failure: unknown): Finished => ({ member, failure }),
    ));
  });
  const overall = executor.sleep(plan.deadlineMs).then(() => 'timeout' as const);

  let early = tally.decide();
  let timedOut = false;
  while (!early && running.size > 0) {
    const next = await Promise.race([...running.values(), overall]);
    if (next === 'timeout') {
      timedOut = true;
      break;
    }
    running.delete(next.member);
    const step = plan.steps[next.member]!;
    const reason = `member ${next.member + 1} of ${plan.steps.length}`;
    let outcome: MemberOutcome;
    if ('failure' in next) {
      const error: ProviderErrorInfo = { kind: 'network', provider: step.provider, message: next.failure instanceof Error ? next.failure.message : String(next.failure) };
      attempts.push(traceEntry(input, step, next.member, 0, reason, { ok: false, error, startedAtMs: input.startedAtMs, latencyMs: 0 }));
      outcome = { status: 'failed', error: error.message };
    } else {
      const entry = traceEntry(input, step, next.member, 0, reason, next.outcome);
      entry.weight = step.weight ?? 1;
      attempts.push(entry);
      if (next.outcome.ok) {
        const choice = next.outcome.choices[0];
        const verdict = choice ? evaluateAccept(durable.accept, choice, request.responseFormat) : { accepted: false, reasons: ['no choices'] };
        entry.accepted = verdict.accepted;
        if (verdict.accepted && choice) {
          const key = answerKey(choice, request.responseFormat);
          entry.vote = key.key;
          answers.set(next.member, next.outcome);
          outcome = { status: 'valid', key };
        } else {
          entry.rejectReasons = verdict.reasons;
          outcome = { status: 'rejected', reasons: verdict.reasons };
        }
      } else {
        outcome = { status: 'failed', error: next.outcome.error.message };
      }
    }
    traceIndexOf.set(next.member, attempts.length - 1);
    tally.record(next.member, outcome);
    early = tally.decide();
  }
  const decision = early ?? tally.conclude();

  // Members still running can no longer change the outcome (or the overall timeout passed).
  const cancelledMembers = [...running.keys()];
  for (const member of cancelledMembers) {
    calls[member]!.cancel();
    const step = plan.steps[member]!;
    const promptCost = step.pricing ? Math.round(input.promptTokensEstimate * step.pricing.inputPerMTok * 1e3) / 1e9 : 0;
    attempts.push({
      step: member, retry: 0, model: step.model, provider: step.provider,
      reason: `member ${member + 1} of ${plan.steps.length}`,
      startMs: 0, latencyMs: 0,
      outcome: timedOut ? 'error' : 'cancelled',
      ...(timedOut ? { errorKind: 'timeout' as const, errorMessage: `no answer within the ensemble's timeout of ${plan.deadlineMs} ms` } : { errorMessage: 'cancelled: the outcome was already decided' }),
      inputTokens: input.promptTokensEstimate, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0,
      costUsd: promptCost, costEstimated: true, weight: step.weight ?? 1,
    });
  }

  const aggregation = {
    method: durable.aggregation,
    quorum: durable.quorum,
    votes: decision.votes,
    reason: decision.reason,
    cancelledMembers,
    ...(decision.status === 'won' ? { winnerMember: decision.winner } : {}),
  };
  if (decision.status === 'won') {
    const answer = answers.get(decision.winner)!;
    const traceIndex = traceIndexOf.get(decision.winner)!;
    const winner = attempts[traceIndex]!;
    return {
      ok: true, httpStatus: 200, accepted: true,
      model: winner.model, provider: winner.provider, choices: answer.choices, usage: answer.usage,
      trace: buildTrace(input, attempts, decision.reason, executor, { winner: traceIndex, aggregation }),
    };
  }
  const lastFailure = [...attempts].reverse().find((a) => a.outcome === 'error' && a.errorKind);
  const error: ProviderErrorInfo = lastFailure?.errorKind && lastFailure.errorKind !== 'timeout' && answers.size === 0 && attempts.every((a) => a.outcome !== 'success')
    ? { kind: lastFailure.errorKind, provider: lastFailure.provider, message: `ensemble failed: ${decision.reason}; the last member error: ${lastFailure.errorMessage ?? ''}` }
    : { kind: timedOut ? 'timeout' : 'server', provider: 'switchyard', message: `ensemble failed: ${decision.reason}` };
  return { ok: false, error, httpStatus: clientStatusFor(error.kind), message: decision.reason, trace: buildTrace(input, attempts, `ensemble failed: ${decision.reason}`, executor, { aggregation }) };
}
