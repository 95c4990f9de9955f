// A workflow that proves the durable path end to end: gateway/test → Temporal server → worker →
// activity → Postgres, and back. Used by health checks and the test suite.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';

const { checkDatabase } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export interface DiagnosticsResult {
  postgresVersion: string;
  workerIdentity: string;
  databaseTime: string;
  echo: string;
}

export async function diagnosticsWorkflow(echo: string): Promise<DiagnosticsResult> {
  const database = await checkDatabase();
  return { ...database, echo };
}
