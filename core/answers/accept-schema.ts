// The accept-check schema (zod), validated when a config is saved. The evaluation is in
// accept.ts, which workflows import without zod (every module a workflow imports is evaluated
// again for each new workflow run, and building zod schemas is the expensive part).
import { z } from 'zod';
import type { FinishReason } from '../chat.ts';
import { compileProblems } from './json-schema.ts';
import { DEFAULT_ACCEPT_FINISH } from './accept.ts';

const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter'] as const satisfies readonly FinishReason[];

export const AcceptChecks = z
  .strictObject({
    finish_reasons: z
      .array(z.enum(FINISH_REASONS))
      .min(1, 'needs at least one finish reason')
      .default(DEFAULT_ACCEPT_FINISH)
      .describe('Finish reasons that count as a complete answer (default ["stop", "tool_calls"]: a cut-off or filtered answer is not accepted)'),
    json: z
      .enum(['auto', 'always', 'never'])
      .default('auto')
      .describe('Require valid JSON: "auto" when the request\'s response_format asks for JSON (and its json_schema, if any), "always", or "never"'),
    json_schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('A JSON Schema the answer must satisfy (implies JSON); checked when the config is saved'),
    min_length: z.number().int().min(1).max(1_000_000).optional().describe('Minimum answer length in characters'),
    no_refusal: z.boolean().default(false).describe('Reject answers that refuse ("I can\'t help with that", or a refusal field)'),
  })
  .superRefine((checks, ctx) => {
    if (checks.json_schema === undefined) return;
    for (const problem of compileProblems(checks.json_schema)) {
      ctx.addIssue({ code: 'custom', path: ['json_schema', ...problem.schemaPath.split('/').filter(Boolean)], message: `cannot be evaluated: ${problem.message}` });
    }
  })
  .describe('When an answer counts as good enough.');
export type AcceptChecks = z.infer<typeof AcceptChecks>;
