// The Temporal activity around callModelOnce: the workflow's cancellation (an ensemble already
// decided) aborts the provider call.
import { Context } from '@temporalio/activity';
import type { ModelCallInput, ModelCallOutcome } from '../core/durable/request.ts';
import { callModelOnce, type ModelCallDeps } from './call-model-once.ts';

export type { ModelCallDeps } from './call-model-once.ts';

export function createModelCallActivities(deps: ModelCallDeps) {
  return {
    /** Cancelled by the workflow (an ensemble already decided): the abort reaches Temporal as a cancellation. */
    callModel: (input: ModelCallInput): Promise<ModelCallOutcome> => callModelOnce(deps, input, Context.current().cancellationSignal),
  };
}
