// `ensemble`: ask several models at once and aggregate — majority_vote, weighted_vote (per-member
// weights) or first_valid. What counts as the same answer is core/answers/answer-key.ts; the
// tally and its tie rule are core/answers/tally.ts. Runs as a Temporal workflow
// (workflows/ensemble.ts): each member is an activity, and members still running once the
// outcome is decided are cancelled.
import { z } from 'zod';
import { AcceptChecks } from '../answers/accept-schema.ts';
import { SpecModelName, TimeoutMs } from './common.ts';

export const DEFAULT_ENSEMBLE_TIMEOUT_MS = 30_000;

export const EnsembleMember = z.strictObject({
  model: SpecModelName,
  weight: z.number().min(0, 'must not be negative').max(1000).default(1).describe('Vote weight for weighted_vote (default 1)'),
  timeout_ms: TimeoutMs.optional().describe('This member\'s own timeout (default: the ensemble\'s timeout_ms)'),
});
export type EnsembleMember = z.infer<typeof EnsembleMember>;

export const EnsembleSpec = z
  .strictObject({
    strategy: z.literal('ensemble'),
    aggregation: z.enum(['majority_vote', 'weighted_vote', 'first_valid']).describe('How the members\' answers become one'),
    members: z.array(EnsembleMember).min(2, 'needs at least two members').max(9, 'at most 9 members'),
    timeout_ms: TimeoutMs.default(DEFAULT_ENSEMBLE_TIMEOUT_MS).describe(`Overall timeout: the outcome is decided with whatever answered by then (default ${DEFAULT_ENSEMBLE_TIMEOUT_MS} ms)`),
    quorum: z.number().int().min(1).optional().describe('Valid answers needed for success (default 1)'),
    accept: AcceptChecks.optional().describe('Which answers are valid: only valid answers vote, and first_valid takes the first (default: complete answers; valid JSON when the request asks for JSON)'),
  })
  .superRefine((spec, ctx) => {
    const seen = new Map<string, number>();
    spec.members.forEach((member, index) => {
      const first = seen.get(member.model);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['members', index, 'model'], message: `duplicate member: "${member.model}" is already members[${first}] (give it a higher weight instead)` });
      else seen.set(member.model, index);
      if (member.timeout_ms !== undefined && member.timeout_ms > spec.timeout_ms) {
        ctx.addIssue({ code: 'custom', path: ['members', index, 'timeout_ms'], message: `${member.timeout_ms} ms cannot fit inside the ensemble's timeout_ms (${spec.timeout_ms} ms)` });
      }
    });
    if (spec.members.every((member) => member.weight === 0)) ctx.addIssue({ code: 'custom', path: ['members'], message: 'weights are all zero: at least one member must have a positive weight' });
    if (spec.quorum !== undefined && spec.quorum > spec.members.length) {
      ctx.addIssue({ code: 'custom', path: ['quorum'], message: `quorum ${spec.quorum} is more than the ${spec.members.length} members` });
    }
  })
  .describe('Ask several models in parallel and aggregate their answers.');
export type EnsembleSpec = z.infer<typeof EnsembleSpec>;

export function ensembleSpecModels(spec: EnsembleSpec): string[] {
  return spec.members.map((member) => member.model);
}
