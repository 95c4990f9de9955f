// The operations as MCP tools (name, description, JSON Schema of the arguments), for the MCP
// server to expose at /mcp later; calling a tool runs the same handler as the REST route.
import type { Operation } from './operation.ts';
import { toSchema } from './openapi.ts';
import { operations } from './registry.ts';

export interface McpToolDescription {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  operation: Operation;
}

export function listMcpTools(ops: readonly Operation[] = operations): McpToolDescription[] {
  return ops.map((op) => ({
    name: op.id,
    description: op.description ? `${op.summary}. ${op.description}` : op.summary,
    inputSchema: toSchema(op.input, 'input'),
    outputSchema: toSchema(op.output, 'output'),
    operation: op,
  }));
}
