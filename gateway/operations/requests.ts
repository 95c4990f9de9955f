// Request logs: one row per gateway request, with its decision trace.
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { OperationContext } from './context.ts';
import { operation } from './operation.ts';
import { iso, Timestamp } from './schemas.ts';

export const RequestLogView = z.object({
  id: z.string(),
  projectId: z.uuid(),
  apiKeyId: z.uuid().nullable(),
  configId: z.uuid().nullable(),
  configVersionId: z.uuid().nullable(),
  variant: z.string().nullable().describe('A/B configs: the variant that served the request'),
  requestedModel: z.string(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  status: z.enum(['success', 'error', 'cancelled']),
  httpStatus: z.number().int(),
  errorClass: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedTokens: z.number().int(),
  reasoningTokens: z.number().int(),
  costUsd: z.number().describe('US dollars'),
  latencyMs: z.number().int(),
  ttftMs: z.number().int().nullable(),
  stream: z.boolean(),
  endUser: z.string().nullable(),
  tags: z.unknown(),
  trace: z.unknown().describe('The decision trace: plan, attempts, aggregation, totals'),
  requestBody: z.unknown().nullable().describe("What the project's log_bodies setting kept of the request"),
  responseBody: z.unknown().nullable().describe("What the project's log_bodies setting kept of the response"),
  workflowId: z.string().nullable(),
  workflowRunId: z.string().nullable(),
  createdAt: Timestamp,
});

/**
 * A logged request, access-checked through its project's organisation (404 `notFound` when there
 * is no row). request_logs has no foreign keys (it is the hot table), so the project is looked up
 * on its own; a row whose project is gone counts as missing.
 */
export async function authorizedRequestLog<Row extends { projectId: string }>(ctx: OperationContext, row: Row | null, notFound: string): Promise<Row> {
  const project = row && (await ctx.prisma.project.findUnique({ where: { id: row.projectId }, select: { orgId: true } }));
  if (!row || !project) throw new ApiError(404, 'not_found', notFound);
  ctx.authorizeOrg(project.orgId, 'request');
  return row;
}

export const getRequest = operation({
  id: 'requests.get',
  method: 'GET',
  path: '/requests/{id}',
  summary: 'Get one request log entry with its decision trace',
  role: 'viewer',
  input: z.object({ id: z.string().min(1).max(64) }),
  output: RequestLogView,
  handler: async (input, ctx) => {
    const row = await authorizedRequestLog(ctx, await ctx.prisma.requestLog.findUnique({ where: { id: input.id } }), 'No such request');
    const { costUsd, createdAt, ...rest } = row;
    return { ...rest, costUsd: costUsd.toNumber(), createdAt: iso(createdAt) };
  },
});

export const requestOperations = [getRequest];
