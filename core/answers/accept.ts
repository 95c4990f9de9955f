// Accept checks: when is an answer good enough? A cascade stops at the first attempt whose answer
// passes them (and escalates otherwise); an ensemble's first_valid takes the first member whose
// answer passes them, and voting counts only members whose answers pass. Pure: evaluated live,
// inside workflows and by the replay simulator alike.
// The schema (zod) is accept-schema.ts; this module stays zod-free for workflows.
import type { ChatChoice, FinishReason, ResponseFormat } from '../chat.ts';
import type { AcceptChecks } from './accept-schema.ts';
import { validateJson, type JsonSchema } from './json-schema.ts';

export type { AcceptChecks } from './accept-schema.ts';

export const DEFAULT_ACCEPT_FINISH: FinishReason[] = ['stop', 'tool_calls'];

export const DEFAULT_ACCEPT: AcceptChecks = { finish_reasons: DEFAULT_ACCEPT_FINISH, json: 'auto', no_refusal: false };

export interface AcceptVerdict {
  accepted: boolean;
  /** Why not, one line per failed check (empty when accepted). */
  reasons: string[];
}

// Openings of a refusal, matched on the first sentence only: a long answer that mentions
// "I cannot" in passing is not a refusal.
const REFUSAL = /^(?:i['’]m sorry,? but |sorry,? but |unfortunately,? )?i (?:can(?:not|['’]t)|won['’]t|am unable to|am not able to|must decline to) (?:help|assist|comply|provide|do that|answer|fulfil|fulfill|support)/i;

export function evaluateAccept(checks: AcceptChecks, choice: ChatChoice, responseFormat: ResponseFormat | undefined): AcceptVerdict {
  const reasons: string[] = [];
  const text = choice.content ?? '';
  if (!checks.finish_reasons.includes(choice.finishReason)) reasons.push(`finish reason "${choice.finishReason}" is not one of ${checks.finish_reasons.join(', ')}`);
  if (checks.min_length !== undefined && choice.toolCalls.length === 0 && text.length < checks.min_length) {
    reasons.push(`answer has ${text.length} characters, fewer than min_length ${checks.min_length}`);
  }
  if (checks.no_refusal && (Boolean(choice.refusal) || REFUSAL.test(text.trimStart()))) reasons.push('the model refused');
  const wantsJson = checks.json === 'always' || checks.json_schema !== undefined || (checks.json === 'auto' && responseFormat !== undefined && responseFormat.type !== 'text');
  if (wantsJson && choice.toolCalls.length === 0) {
    const parsed = parseJson(text);
    if (!parsed.ok) reasons.push('answer is not valid JSON');
    else {
      const schemas: JsonSchema[] = [];
      if (checks.json_schema) schemas.push(checks.json_schema);
      if (checks.json !== 'never' && responseFormat?.type === 'json_schema') schemas.push(responseFormat.schema);
      for (const schema of schemas) {
        const errors = validateJson(schema, parsed.value);
        if (errors.length) reasons.push(`answer does not match the JSON schema: ${errors.join('; ')}`);
      }
    }
  }
  return { accepted: reasons.length === 0, reasons };
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(stripFence(text)) };
  } catch {
    return { ok: false };
  }
}

/** Models often wrap JSON in a Markdown fence even when asked not to. */
function stripFence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return match ? match[1]! : text;
}
