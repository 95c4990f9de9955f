// The cascade as a Temporal workflow: its history is the request's durable decision trace.
import { runCascade } from '../../core/durable/cascade-runner.ts';
import type { DurableRequestInput, DurableRequestResult } from '../../core/durable/request.ts';
import { runAndRecord } from './steps.ts';

export async function cascadeWorkflow(input: DurableRequestInput): Promise<DurableRequestResult> {
  return runAndRecord(input, (attempts, executor) => runCascade(input, attempts, executor));
}
