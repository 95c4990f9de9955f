// The OpenAPI 3.1 document, derived from the operations registry with zod 4's JSON Schema
// export: path parameters become `in: path`, the rest of a GET's input becomes query parameters,
// the rest of any other method's input becomes the JSON request body.
import { z } from 'zod';
import { pathParams, type Operation } from './operation.ts';
import { switchyardVersion } from '../version.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

const ErrorEnvelope = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export function buildOpenApiDocument(operations: readonly Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    (paths[op.path] ??= {})[op.method.toLowerCase()] = describeOperation(op);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchyard API', version: switchyardVersion, description: 'Control plane of the Switchyard LLM gateway.' },
    servers: [{ url: '/api/v1' }],
    security: [{ adminToken: [] }],
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'An admin token (sy_admin_…)' } },
      schemas: { Error: toSchema(ErrorEnvelope, 'output') },
    },
    paths,
  };
}

function describeOperation(op: Operation): Record<string, unknown> {
  const input = toSchema(op.input, 'input');
  const inPath = new Set(pathParams(op.path));
  const properties = input.properties ?? {};
  const required = new Set(input.required ?? []);
  const parameters: unknown[] = [];
  const bodyProperties: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (inPath.has(name)) parameters.push({ name, in: 'path', required: true, schema });
    else if (op.method === 'GET' || op.method === 'DELETE') parameters.push({ name, in: 'query', required: required.has(name), schema });
    else bodyProperties[name] = schema;
  }
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const result: Record<string, unknown> = {
    operationId: op.id,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    'x-required-role': op.role,
    parameters,
    responses: {
      [String(op.successStatus ?? 200)]: { description: 'Success', content: { 'application/json': { schema: toSchema(op.output, 'output') } } },
      '400': errorResponse('Invalid input; details lists each field path and message'),
      '401': errorResponse('Missing or invalid admin token'),
      '403': errorResponse(`Needs the ${op.role} role`),
      '404': errorResponse('Not found (or not visible to you)'),
      '409': errorResponse('Conflict'),
    },
  };
  if (Object.keys(bodyProperties).length > 0) {
    const bodyRequired = [...required].filter((name) => name in bodyProperties);
    result.requestBody = {
      required: bodyRequired.length > 0,
      content: {
        'application/json': {
          schema: { type: 'object', properties: bodyProperties, ...(bodyRequired.length ? { required: bodyRequired } : {}), additionalProperties: false },
        },
      },
    };
  }
  return result;
}

export function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}
