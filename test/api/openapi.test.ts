// The OpenAPI document is generated from the operations registry: every operation appears, with
// its input and output schemas, and the MCP tool list covers the same operations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listMcpTools } from '../../gateway/operations/mcp-tools.ts';
import { pathParams } from '../../gateway/operations/operation.ts';
import { operations } from '../../gateway/operations/registry.ts';
import { harnessStack } from '../helpers/stack.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is walked field by field
type Doc = { openapi: string; paths: Record<string, Record<string, any>>; components: { securitySchemes: Record<string, unknown> } };

async function fetchDocument(url: string): Promise<Doc> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return (await response.json()) as Doc;
}

test('every registered operation appears with its schemas', async () => {
  const doc = await fetchDocument(`${harnessStack().gatewayUrl}/api/v1/openapi.json`);
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.components.securitySchemes.adminToken);
  const ids = new Set<string>();
  for (const op of operations) {
    const entry = doc.paths[op.path]?.[op.method.toLowerCase()];
    assert.ok(entry, `${op.id} (${op.method} ${op.path}) is missing`);
    assert.equal(entry.operationId, op.id);
    assert.equal(entry['x-required-role'], op.role);
    const success = entry.responses[String(op.successStatus ?? 200)];
    assert.ok(success.content['application/json'].schema.type, `${op.id}: output schema`);
    assert.ok(entry.responses['400'] && entry.responses['401'] && entry.responses['403']);
    for (const name of pathParams(op.path)) {
      assert.ok(entry.parameters.some((p: { name: string; in: string }) => p.name === name && p.in === 'path'), `${op.id}: path parameter ${name}`);
    }
    ids.add(op.id);
  }
  for (const id of ['configs.list', 'configs.get', 'configs.create', 'configs.createVersion', 'configs.listVersions', 'configs.getVersion', 'configs.activate', 'requests.get', 'apiKeys.create', 'apiKeys.list', 'apiKeys.revoke']) {
    assert.ok(ids.has(id), id);
  }

  // The strategy union is in the create body, strict (additionalProperties false) and discriminated.
  const create = doc.paths['/projects/{project}/configs']!.post;
  const body = create.requestBody.content['application/json'].schema;
  assert.deepEqual(body.required.sort(), ['name', 'spec']);
  const variants = body.properties.spec.oneOf ?? body.properties.spec.anyOf;
  const strategies = variants.map((v: { properties: { strategy: { const?: string; enum?: string[] } } }) => v.properties.strategy.const ?? v.properties.strategy.enum?.[0]);
  assert.deepEqual(strategies.sort(), ['ab', 'cascade', 'cost_optimized', 'ensemble', 'fallback', 'latency_optimized', 'rules', 'single']);
  assert.ok(variants.every((v: { additionalProperties: boolean }) => v.additionalProperties === false));
});

test('/openapi.json at the root leads to the same document', async () => {
  const doc = await fetchDocument(`${harnessStack().gatewayUrl}/openapi.json`);
  assert.ok(doc.paths['/requests/{id}']);
});

test('the MCP tool list covers every operation with JSON Schemas', () => {
  const tools = listMcpTools();
  assert.deepEqual(tools.map((t) => t.name), operations.map((op) => op.id));
  for (const tool of tools) assert.equal(tool.inputSchema.type, 'object');
});
