// Runs cascade and ensemble plans in the gateway process, without Temporal: the same strategy
// code (core/durable/) with plain calls, AbortControllers and timers, and the log row through
// the gateway's own log queue. No crash safety and no Temporal history: it is the baseline the
// bench compares the durable path with, and an option (SWITCHYARD_DURABLE_EXECUTION=in-process)
// for a deployment that accepts those losses to save the Temporal round trips.
import { callModelOnce, type ModelCallDeps } from '../../activities/call-model-once.ts';
import { durableLogRow } from '../../activities/request-log.ts';
import { runCascade } from '../../core/durable/cascade-runner.ts';
import { runEnsemble } from '../../core/durable/ensemble-runner.ts';
import type { StrategyExecutor } from '../../core/durable/executor.ts';
import type { DurableRequestInput } from '../../core/durable/request.ts';
import type { TraceAttempt } from '../../core/trace.ts';
import type { RequestLogSink } from '../request-log/request-log-queue.ts';
import type { DurableBackend, DurableRunOutcome, DurableWorkflowType } from './durable-runner.ts';

export class InProcessRunner implements DurableBackend {
  constructor(private readonly deps: ModelCallDeps & { logs: RequestLogSink }) {}

  async run(type: DurableWorkflowType, input: DurableRequestInput, signal: AbortSignal): Promise<DurableRunOutcome> {
    const executor: StrategyExecutor = {
      call: (step, request) => {
        // Cancelled by the runner (an ensemble decided) or by the client leaving.
        const controller = new AbortController();
        const result = callModelOnce(this.deps, { orgId: input.orgId, step, request }, AbortSignal.any([signal, controller.signal]));
        return { result, cancel: () => controller.abort(new Error('cancelled: the outcome was already decided')) };
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
    };
    const attempts: TraceAttempt[] = [];
    const result = await (type === 'ensembleWorkflow' ? runEnsemble : runCascade)(input, attempts, executor);
    this.deps.logs.push(durableLogRow({ requestId: input.requestId, log: input.log, startedAtMs: input.startedAtMs, result, cancelled: signal.aborted }));
    return { result };
  }
}
