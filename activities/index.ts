// Activities are built by a factory over their dependencies (the Temporal samples' pattern), so
// the worker wires real infrastructure and tests can wire their own real instances.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createModelCallActivities, type ModelCallDeps } from './call-model.ts';
import { createDiagnosticsActivities } from './diagnostics.ts';
import { createRequestLogActivities, type RequestLogDeps } from './request-log.ts';

export interface ActivityDeps extends ModelCallDeps, RequestLogDeps {
  /**
   * The Prisma client, opened on first use: a gateway hosting an embedded worker must not load
   * Prisma at start only because one diagnostics activity might need it (docs/architecture.md,
   * "What the gateway loads, and when").
   */
  prisma: () => Promise<PrismaClient>;
  workerIdentity: string;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createDiagnosticsActivities(deps),
    ...createModelCallActivities(deps),
    ...createRequestLogActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
