// An operation of the REST API, declared once: its route, schemas, required role and handler.
// Express routes, the OpenAPI document and the MCP tool list are all derived from these
// declarations (express-router.ts, openapi.ts, mcp-tools.ts), so they cannot disagree.
import type { z } from 'zod';
import type { OperationContext } from './context.ts';

/** Membership roles, weakest first. */
export const ROLES = ['viewer', 'developer', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role | undefined, required: Role): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  /** Stable id, also the MCP tool name ("configs.create"). */
  id: string;
  method: HttpMethod;
  /** Relative to /api/v1, OpenAPI style: "/projects/{project}/configs/{name}". */
  path: string;
  summary: string;
  description?: string;
  /** The least role the caller needs in the organisation that owns the target. */
  role: Role;
  /** Path parameters, query and body merged into one object (path parameters win). */
  input: I;
  output: O;
  /** HTTP status of a success (default 200). */
  successStatus?: number;
  handler: (input: z.output<I>, ctx: OperationContext) => Promise<z.input<O>>;
}

/** Declares an operation; the identity function exists for type inference. */
export function operation<I extends z.ZodObject, O extends z.ZodType>(op: Operation<I, O>): Operation<I, O> {
  return op;
}

/** Path parameter names of a path template, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!);
}
