// Shared pieces of the durable-strategy tests: configs made through the REST API, bank
// questions from the simulator, and the request-log row the workflow writes.
import assert from 'node:assert/strict';
import { api } from '../helpers/admin-api.ts';
import { harnessStack } from '../helpers/stack.ts';
import { storedLog, type StoredLog } from '../v1/helpers.ts';

export interface BankQuestion {
  id: string;
  prompt: string;
  answer: string;
}

export async function bankQuestions(): Promise<BankQuestion[]> {
  const response = await fetch(`${harnessStack().simulatorUrl}/_sim/questions`);
  return ((await response.json()) as { questions: BankQuestion[] }).questions;
}

let counter = 0;

/** Creates a config in the demo project and returns its "@name". */
export async function createConfig(spec: Record<string, unknown>, prefix = 'durable'): Promise<string> {
  const name = `${prefix}-${Date.now().toString(36)}-${counter++}`;
  const created = await api('POST', '/projects/demo/configs', { body: { name, spec } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return `@${name}`;
}

export interface DurableTrace {
  strategy: string;
  outcome: string;
  winner?: number;
  attempts: Array<{
    step: number; model: string; outcome: string; reason: string; errorKind?: string; accepted?: boolean;
    rejectReasons?: string[]; vote?: string; costUsd: number; costEstimated?: boolean; inputTokens: number;
  }>;
  aggregation?: { method: string; votes: Array<{ key: string; weight: number; members: number[] }>; winnerMember?: number; reason: string; cancelledMembers: number[] };
  temporal?: { workflowId: string; runId: string; url?: string };
  totals: { costUsd: number };
}

export type DurableLog = Omit<StoredLog, 'trace'> & { trace: DurableTrace; workflow_id: string | null; workflow_run_id: string | null };

export async function durableLog(requestId: string): Promise<DurableLog> {
  return (await storedLog(requestId, 15_000)) as unknown as DurableLog;
}
