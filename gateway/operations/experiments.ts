// A/B experiments: feedback scores on requests, and the comparison of an A/B config's variants on
// requests, success rate, latency percentiles, cost per request and mean feedback, each with a 95%
// interval where one makes sense. Computed in Postgres from request_logs (indexed by config and
// variant) and request_feedback.
import { z } from 'zod';
import { meanInterval, wilsonInterval } from '../../core/experiment-stats.ts';
import { ApiError } from '../errors.ts';
import { operation } from './operation.ts';
import { authorizedRequestLog } from './requests.ts';
import { ConfigName, iso, ProjectParam, Timestamp } from './schemas.ts';

export const recordFeedback = operation({
  id: 'requests.feedback',
  method: 'POST',
  path: '/requests/{id}/feedback',
  summary: "Score a request's answer (one score per request; a later one replaces it)",
  description: 'Any scale you like, used consistently (1 / 0 for thumbs up / down, 1-5 stars); the experiments comparison averages it per variant.',
  role: 'developer',
  input: z.object({
    id: z.string().min(1).max(64),
    score: z.number().min(-1_000).max(1_000),
    comment: z.string().max(2_000).optional(),
  }),
  output: z.object({ requestId: z.string(), score: z.number(), comment: z.string().nullable(), createdAt: Timestamp }),
  handler: async (input, ctx) => {
    // Rows are written in batches (~200 ms): a score sent right after the answer may come too early.
    const row = await authorizedRequestLog(ctx, await ctx.prisma.requestLog.findUnique({ where: { id: input.id }, select: { projectId: true } }), 'No such request (or its log row is not written yet: retry in a moment)');
    const data = { score: input.score, comment: input.comment ?? null, actor: ctx.caller.label, createdAt: new Date() };
    const saved = await ctx.prisma.requestFeedback.upsert({
      where: { requestId: input.id },
      create: { requestId: input.id, projectId: row.projectId, ...data },
      update: data,
    });
    return { requestId: saved.requestId, score: saved.score, comment: saved.comment, createdAt: iso(saved.createdAt) };
  },
});

const IntervalView = z.object({ low: z.number(), high: z.number() }).describe('95% interval');

const VariantView = z.object({
  variant: z.string().describe('The variant as the config names it ("@production")'),
  weight: z.number().nullable().describe('Its weight in the active version (null: no longer in it)'),
  requests: z.number().int(),
  successRate: z.number().nullable(),
  successRateInterval: IntervalView.nullable(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  costPerRequestUsd: z.number().nullable(),
  costPerRequestInterval: IntervalView.nullable(),
  feedbackCount: z.number().int(),
  meanFeedback: z.number().nullable(),
  meanFeedbackInterval: IntervalView.nullable(),
});

export const compareExperiment = operation({
  id: 'experiments.get',
  method: 'GET',
  path: '/projects/{project}/experiments/{config}',
  summary: "Compare an A/B config's variants: requests, success rate, p50/p95 latency, cost per request, mean feedback",
  role: 'viewer',
  input: z.object({
    project: ProjectParam,
    config: ConfigName,
    since: z.iso.datetime().optional().describe('Only requests from this time on (default: all)'),
  }),
  output: z.object({ config: z.string(), since: Timestamp.nullable(), variants: z.array(VariantView) }),
  handler: async (input, ctx) => {
    const config = await ctx.prisma.routingConfig.findUnique({
      where: { projectId_name: { projectId: ctx.project.id, name: input.config } },
      select: { id: true, activeVersion: { select: { spec: true } } },
    });
    if (!config) throw new ApiError(404, 'not_found', `No config named "${input.config}" in this project`);
    const since = input.since ? new Date(input.since) : null;
    const rows = await ctx.prisma.$queryRaw<VariantRow[]>`
      SELECT l.variant,
             count(*)::int AS requests,
             count(*) FILTER (WHERE l.status = 'success')::int AS successes,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY l.latency_ms) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY l.latency_ms) AS p95,
             avg(l.cost_usd)::float8 AS cost_mean,
             stddev_samp(l.cost_usd)::float8 AS cost_sd,
             count(f.score)::int AS feedback_count,
             avg(f.score) AS feedback_mean,
             stddev_samp(f.score) AS feedback_sd
      FROM request_logs l LEFT JOIN request_feedback f ON f.request_id = l.id
      WHERE l.config_id = ${config.id}::uuid AND l.variant IS NOT NULL AND (${since}::timestamptz IS NULL OR l.created_at >= ${since}::timestamptz)
      GROUP BY l.variant`;
    const spec = config.activeVersion?.spec as { strategy?: string; variants?: Array<{ config: string; weight: number }> } | undefined;
    const weights = new Map((spec?.strategy === 'ab' ? spec.variants ?? [] : []).map((v) => [v.config, v.weight]));
    const byVariant = new Map(rows.map((row) => [row.variant, row]));
    // The active version's variants first, in its order (even before they served anything), then retired ones.
    const names = [...weights.keys(), ...rows.map((row) => row.variant).filter((name) => !weights.has(name)).sort()];
    return {
      config: input.config,
      since: since ? iso(since) : null,
      variants: names.map((name) => variantView(name, weights.get(name) ?? null, byVariant.get(name))),
    };
  },
});

interface VariantRow {
  variant: string;
  requests: number;
  successes: number;
  p50: number | null;
  p95: number | null;
  cost_mean: number | null;
  cost_sd: number | null;
  feedback_count: number;
  feedback_mean: number | null;
  feedback_sd: number | null;
}

function variantView(variant: string, weight: number | null, row: VariantRow | undefined): z.input<typeof VariantView> {
  const n = row?.requests ?? 0;
  const feedback = row?.feedback_count ?? 0;
  return {
    variant,
    weight,
    requests: n,
    successRate: n ? row!.successes / n : null,
    successRateInterval: row ? wilsonInterval(row.successes, n) ?? null : null,
    latencyP50Ms: row?.p50 ?? null,
    latencyP95Ms: row?.p95 ?? null,
    costPerRequestUsd: row?.cost_mean ?? null,
    costPerRequestInterval: row?.cost_mean != null ? meanInterval(row.cost_mean, row.cost_sd ?? Number.NaN, n) ?? null : null,
    feedbackCount: feedback,
    meanFeedback: row?.feedback_mean ?? null,
    meanFeedbackInterval: row?.feedback_mean != null ? meanInterval(row.feedback_mean, row.feedback_sd ?? Number.NaN, feedback) ?? null : null,
  };
}

export const experimentOperations = [recordFeedback, compareExperiment];
