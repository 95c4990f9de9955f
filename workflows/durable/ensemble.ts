// The ensemble as a Temporal workflow: its history is the request's durable decision trace.
import { runEnsemble } from '../../core/durable/ensemble-runner.ts';
import type { DurableRequestInput, DurableRequestResult } from '../../core/durable/request.ts';
import { runAndRecord } from './steps.ts';

export async function ensembleWorkflow(input: DurableRequestInput): Promise<DurableRequestResult> {
  return runAndRecord(input, (attempts, executor) => runEnsemble(input, attempts, executor));
}
