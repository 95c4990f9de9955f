// Every workflow type the worker hosts. The worker bundles this file for Temporal's sandbox, so
// everything reachable from here must be deterministic (enforced by the lint rule on workflows/).
export { diagnosticsWorkflow } from './diagnostics.ts';
export type { DiagnosticsResult } from './diagnostics.ts';
export { cascadeWorkflow } from './durable/cascade.ts';
export { ensembleWorkflow } from './durable/ensemble.ts';
