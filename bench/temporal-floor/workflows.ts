// The durable plans' shapes with nothing of Switchyard in them, for the bench's Temporal floor
// (bench/temporal-floor/run-floor.ts): the same local activities in the same order, each
// returning at once. What these cost is what Temporal itself costs on this machine.
import { proxyLocalActivities, workflowInfo } from '@temporalio/workflow';

export interface FloorActivities {
  /** Stands for a model call. */
  call(step: number): Promise<number>;
  /** Stands for the closing request-log activity (keyed by the request id, like it); the runner
   * answers its caller from it. */
  record(requestId: string, result: number): Promise<void>;
}

const { call, record } = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '10 seconds' });

/** The cascade's shape: two calls in sequence, then the record. */
export async function cascadeFloor(): Promise<number> {
  const first = await call(1);
  const second = await call(first + 1);
  await record(workflowInfo().workflowId, second);
  return second;
}

/** The ensemble's shape: three calls at once, then the record. */
export async function ensembleFloor(): Promise<number> {
  const answers = await Promise.all([call(1), call(2), call(3)]);
  const winner = Math.max(...answers);
  await record(workflowInfo().workflowId, winner);
  return winner;
}
