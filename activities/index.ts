// Activities are built by a factory over their dependencies (the Temporal samples' pattern), so
// the worker wires real infrastructure and tests can wire their own real instances.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createDiagnosticsActivities } from './diagnostics.ts';

export interface ActivityDeps {
  prisma: PrismaClient;
  workerIdentity: string;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createDiagnosticsActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
