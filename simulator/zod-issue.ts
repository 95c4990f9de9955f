// Turns the first zod issue of a request body into (message, param) for provider error bodies.
import type { z } from 'zod';

export function describeIssue(error: z.ZodError): { message: string; param: string; missing: boolean } {
  const issue = error.issues[0];
  if (!issue) return { message: 'Invalid request.', param: '', missing: false };
  const param = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return { message: issue.message, param, missing };
}
