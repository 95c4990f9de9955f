// Save-time checks of what a spec routes to outside itself (A/B variants, rule routes): configs
// of the same project (the pinned version, when pinned, must exist), never the config itself,
// and never leading back to it through other routing configs (following their active or pinned
// versions). Errors name the field, like validateSpec's.
import type { FieldIssue } from '../../core/issue-path.ts';
import { parseModelRef } from '../../core/model-ref.ts';
import { formatPath } from '../../core/issue-path.ts';
import { specRoutes, type StrategySpec } from '../../core/strategy.ts';
import type { Tx } from '../audit.ts';
import { ApiError } from '../errors.ts';

/** Throws a 400 naming the field (`spec.variants[i].config`, `spec.rules[i].route`) of a route that is missing, itself, or leads back. */
export async function checkConfigReferences(tx: Tx, projectId: string, configName: string, spec: StrategySpec): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const route of specRoutes(spec)) {
    const parsed = parseModelRef(route.ref);
    if (!parsed.ok || parsed.ref.kind !== 'config') continue;
    const path = `spec.${formatPath(route.path)}`;
    if (parsed.ref.name === configName) {
      issues.push({ path, message: `"${route.ref}" is this config itself` });
      continue;
    }
    const target = await loadSpec(tx, projectId, parsed.ref.name, parsed.ref.version);
    if (!target.found) {
      issues.push({ path, message: target.message });
      continue;
    }
    const cycle = await pathBackTo(tx, projectId, configName, target.spec, [`@${parsed.ref.name}`]);
    if (cycle) issues.push({ path, message: `forms a cycle: @${configName} → ${cycle.join(' → ')} → @${configName}` });
  }
  if (issues.length) throw new ApiError(400, 'validation_error', 'Invalid routing config spec', issues);
}

type Loaded = { found: true; spec: StrategySpec } | { found: false; message: string };

async function loadSpec(tx: Tx, projectId: string, name: string, version?: number): Promise<Loaded> {
  const config = await tx.routingConfig.findUnique({ where: { projectId_name: { projectId, name } }, select: { id: true, activeVersionId: true } });
  if (!config) return { found: false, message: `this project has no config "@${name}"` };
  const row = version === undefined
    ? config.activeVersionId ? await tx.configVersion.findUnique({ where: { id: config.activeVersionId }, select: { spec: true } }) : null
    : await tx.configVersion.findUnique({ where: { configId_number: { configId: config.id, number: version } }, select: { spec: true } });
  if (!row) return { found: false, message: version === undefined ? `"@${name}" has no active version` : `"@${name}" has no version ${version}` };
  return { found: true, spec: row.spec as unknown as StrategySpec };
}

/** Depth-first through routing specs: the chain of references that reaches `origin`, if one does. */
async function pathBackTo(tx: Tx, projectId: string, origin: string, spec: StrategySpec, chain: string[]): Promise<string[] | undefined> {
  if (chain.length > 8) return undefined;
  for (const route of specRoutes(spec)) {
    const parsed = parseModelRef(route.ref);
    if (!parsed.ok || parsed.ref.kind !== 'config') continue;
    if (parsed.ref.name === origin) return chain;
    if (chain.includes(`@${parsed.ref.name}`)) continue;
    const next = await loadSpec(tx, projectId, parsed.ref.name, parsed.ref.version);
    if (!next.found) continue;
    const found = await pathBackTo(tx, projectId, origin, next.spec, [...chain, `@${parsed.ref.name}`]);
    if (found) return found;
  }
  return undefined;
}
