// The common request, recognised without zod. Most traffic is a model, a few text messages and
// a handful of scalar options; parsing that with ChatCompletionRequest allocated ~4.5 KB and cost
// ~20 µs per request at c=1 (zod builds a result object per field). This check accepts only
// bodies the schema certainly accepts unchanged (test/gateway/plain-chat-request.test.ts proves it
// against the schema on generated bodies); anything else, including every invalid body, goes
// through the schema, which stays the definition and the source of every error message.
import type { ChatCompletionRequest } from './chat-request.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const nullish = (value: unknown) => value === null || value === undefined;

const inRange = (min: number, max: number) => (value: unknown) => nullish(value) || (isNumber(value) && value >= min && value <= max);
const integerFrom = (min: number, max = Number.MAX_SAFE_INTEGER) => (value: unknown) =>
  nullish(value) || (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max);
const nullableBoolean = (value: unknown) => nullish(value) || typeof value === 'boolean';

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);
/** Top-level fields this check understands, each with the schema's own rule. */
const FIELDS: Record<string, (value: unknown) => boolean> = {
  model: (value) => typeof value === 'string' && value.length > 0,
  messages: (value) => Array.isArray(value) && value.length > 0 && value.every(isTextMessage),
  stream: nullableBoolean,
  stream_options: (value) => nullish(value) || (isObject(value) && onlyBooleans(value, ['include_usage', 'include_obfuscation'])),
  max_tokens: integerFrom(1),
  max_completion_tokens: integerFrom(1),
  temperature: inRange(0, 2),
  top_p: inRange(0, 1),
  n: integerFrom(1, 128),
  stop: (value) => nullish(value) || typeof value === 'string' || (Array.isArray(value) && value.length <= 4 && value.every((item) => typeof item === 'string')),
  seed: integerFrom(Number.MIN_SAFE_INTEGER),
  user: (value) => typeof value === 'string',
  metadata: (value) => nullish(value) || (isObject(value) && Object.entries(value).every(([key, item]) => key.length <= 64 && typeof item === 'string' && item.length <= 512)),
};

/** `{role, content: string, name?}` with nothing else (the schema strips unknown message keys, so they would change the body). */
function isTextMessage(message: unknown): boolean {
  if (!isObject(message) || !ROLES.has(message.role as string) || typeof message.content !== 'string') return false;
  for (const key in message) {
    if (key === 'role' || key === 'content') continue;
    if (key !== 'name' || typeof message.name !== 'string') return false;
  }
  return true;
}

function onlyBooleans(value: Json, keys: string[]): boolean {
  for (const key in value) if (!keys.includes(key) || typeof value[key] !== 'boolean') return false;
  return true;
}

/** The body itself when it is a plain request the schema would accept as is; undefined otherwise. */
export function plainChatRequest(body: unknown): ChatCompletionRequest | undefined {
  if (!isObject(body) || Object.getPrototypeOf(body) !== Object.prototype) return undefined;
  if (!('model' in body) || !('messages' in body)) return undefined;
  for (const key in body) {
    if (!Object.hasOwn(FIELDS, key) || !FIELDS[key]!(body[key])) return undefined;
  }
  return body as ChatCompletionRequest;
}
