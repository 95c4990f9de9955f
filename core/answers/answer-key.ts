// What counts as "the same answer" when an ensemble votes. Documented in docs/strategies.md:
//   1. A labelled choice: an answer that ends with "Answer: B" (or "answer is (B)", or is just
//      "B" / "(B)" / "B)") votes for the label "B", whatever reasoning precedes it.
//   2. JSON output (response_format json_object / json_schema, or text that parses as a JSON
//      object or array): the canonical JSON (keys sorted, no whitespace). If the object has an
//      "answer" (or "label" / "choice") field holding a short string, that field alone.
//   3. Tool calls: the calls' names and canonical arguments, in order.
//   4. Otherwise the normalised text: Unicode NFKC, lower case, whitespace collapsed, trailing
//      punctuation and surrounding quotes removed.
import type { ChatChoice, ResponseFormat } from '../chat.ts';
import { parseJson } from './accept.ts';

export interface AnswerKey {
  kind: 'label' | 'json' | 'tool_calls' | 'text';
  key: string;
}

const LABELLED = [
  /(?:^|\n)\s*(?:final\s+)?answer\s*(?:is)?\s*[:：-]?\s*\(?([A-Z])\)?[.)]?\s*$/i,
  /\banswer\s+is\s*:?\s*\(?([A-Z])\)?[.)]?\s*$/i,
  /^\s*\(?([A-Z])\)?[.)]?\s*$/i,
];
const ANSWER_FIELDS = ['answer', 'label', 'choice'];

export function answerKey(choice: ChatChoice, responseFormat?: ResponseFormat): AnswerKey {
  if (choice.toolCalls.length > 0) {
    const calls = choice.toolCalls.map((call) => {
      const args = parseJson(call.arguments);
      return `${call.name}(${args.ok ? canonicalJson(args.value) : call.arguments.trim()})`;
    });
    return { kind: 'tool_calls', key: calls.join(';') };
  }
  const text = (choice.content ?? '').trim();
  const jsonWanted = responseFormat !== undefined && responseFormat.type !== 'text';
  if (jsonWanted || /^[[{]/.test(text) || /^```/.test(text)) {
    const parsed = parseJson(text);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
      const value = parsed.value as Record<string, unknown>;
      for (const field of ANSWER_FIELDS) {
        const answer = value[field];
        if (!Array.isArray(value) && typeof answer === 'string' && answer.length <= 64) return { kind: 'label', key: normaliseText(answer).toUpperCase() };
      }
      return { kind: 'json', key: canonicalJson(parsed.value) };
    }
  }
  for (const pattern of LABELLED) {
    const match = pattern.exec(text);
    if (match) return { kind: 'label', key: match[1]!.toUpperCase() };
  }
  return { kind: 'text', key: normaliseText(text) };
}

export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, '')
    .replace(/[.!?。;:,\s]+$/u, '')
    .trim();
}

/** JSON with object keys sorted at every level and no insignificant whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
