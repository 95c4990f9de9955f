// Health for the durable strategies (cascade, ensemble): their steps are fixed when the workflow
// starts, so ejected or cooling targets are dropped from the plan then, as long as enough steps
// remain (one for a cascade, the quorum for an ensemble). The plan's description records each
// skip, and the workflow's trace carries the description.
import type { ExecutionPlan } from '../plan.ts';
import { governingHealth, isOut, type HealthView } from './health-types.ts';

export function skipUnavailableSteps(plan: ExecutionPlan, health: HealthView): ExecutionPlan {
  const skipped: string[] = [];
  const kept = plan.steps.filter((step) => {
    const governing = governingHealth(health, step.provider, step.model);
    const out = governing && isOut(governing.state) ? governing : undefined;
    if (out) skipped.push(`skipped ${step.provider}/${step.model}: ${out.target} is ${out.state}${out.reason ? ` (${out.reason})` : ''}`);
    return !out;
  });
  const needed = plan.durable?.kind === 'ensemble' ? plan.durable.quorum : 1;
  if (skipped.length === 0) return plan;
  if (kept.length < needed) return withChanges(plan, { description: [...plan.description, `every step kept: skipping the ${skipped.length} unhealthy one(s) would leave fewer than ${needed}`] });
  return withChanges(plan, { steps: kept, description: [...plan.description, ...skipped] });
}

/** A copy of the plan with some fields replaced (copy, then assign: see docs/architecture.md on spreads). */
function withChanges(plan: ExecutionPlan, changes: Partial<ExecutionPlan>): ExecutionPlan {
  return Object.assign({}, plan, changes);
}
