// OpenAI completions and stream chunks, recognised without zod. A reply is parsed on every
// request (a chunk on every stream frame); OpenAICompletionSchema / OpenAIChunkSchema built a
// result object per field, ~2 KB of garbage per reply. These checks vouch only for what the
// schemas accept (test/providers/plain-openai-shapes.test.ts checks that on generated replies);
// anything they do not recognise goes through the schema, which stays the definition and the
// source of every error. Unknown fields are left in place: the mappers read known fields only.
import type { OpenAIChunk, OpenAICompletion } from './openai-api-schemas.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const nullish = (value: unknown) => value === null || value === undefined;
const maybeString = (value: unknown) => nullish(value) || typeof value === 'string';
const maybeNumber = (value: unknown) => nullish(value) || typeof value === 'number';
const maybeObject = (value: unknown, check: (object: Json) => boolean) => nullish(value) || (isObject(value) && check(value));
const maybeArrayOf = (value: unknown, check: (object: Json) => boolean) =>
  nullish(value) || (Array.isArray(value) && value.every((item) => isObject(item) && check(item)));

const isFunctionCall = (fn: Json) => maybeString(fn.name) && maybeString(fn.arguments);
const isToolCall = (call: Json) => maybeString(call.id) && maybeObject(call.function, isFunctionCall);
const isToolCallDelta = (call: Json) => maybeNumber(call.index) && isToolCall(call);
const isMessage = (message: Json) => maybeString(message.content) && maybeString(message.refusal) && maybeArrayOf(message.tool_calls, isToolCall);
const isDelta = (delta: Json) => maybeString(delta.content) && maybeString(delta.refusal) && maybeArrayOf(delta.tool_calls, isToolCallDelta);
const isUsage = (usage: Json) =>
  maybeNumber(usage.prompt_tokens) &&
  maybeNumber(usage.completion_tokens) &&
  maybeObject(usage.prompt_tokens_details, (details) => maybeNumber(details.cached_tokens)) &&
  maybeObject(usage.completion_tokens_details, (details) => maybeNumber(details.reasoning_tokens));

const isChoice = (choice: Json) => maybeNumber(choice.index) && maybeObject(choice.message, isMessage) && maybeString(choice.finish_reason);
const isChunkChoice = (choice: Json) => maybeNumber(choice.index) && maybeObject(choice.delta, isDelta) && maybeString(choice.finish_reason);

export function isPlainOpenAICompletion(json: unknown): json is OpenAICompletion {
  return isObject(json) && maybeString(json.id) && maybeString(json.model) && maybeArrayOf(json.choices, isChoice) && maybeObject(json.usage, isUsage);
}

export function isPlainOpenAIChunk(json: unknown): json is OpenAIChunk {
  return isObject(json) && maybeString(json.id) && maybeString(json.model) && maybeArrayOf(json.choices, isChunkChoice) && maybeObject(json.usage, isUsage);
}
