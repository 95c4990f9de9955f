// The zod-free checks for OpenAI replies may only vouch for what the schemas accept, and what
// they vouch for must map to the same result as the schema's output. Generated replies mix valid
// and invalid values for every field the schemas read, plus unknown fields, from a fixed seed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StreamPart } from '../../core/chat.ts';
import { fromOpenAIResponse } from '../../providers/openai/from-openai-response.ts';
import { fromOpenAIStream } from '../../providers/openai/from-openai-stream.ts';
import { OpenAIChunkSchema, OpenAICompletionSchema } from '../../providers/openai/openai-api-schemas.ts';
import { dialectTraits } from '../../providers/openai/openai-dialect.ts';
import { isPlainOpenAIChunk, isPlainOpenAICompletion } from '../../providers/openai/plain-openai-shapes.ts';
import { createRng } from '../../simulator/rng.ts';


function reply(random: () => number, stream: boolean): unknown {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  // Mostly well-typed values (so many replies reach the deeper checks), sometimes a wrong type.
  const str = () => (random() < 0.93 ? pick(['x', '', null, undefined]) : pick([3, {}, []]));
  const num = () => (random() < 0.93 ? pick([0, 7, null, undefined]) : pick(['7', {}]));
  const sometimes = <T>(make: () => T, invalid: unknown[] = [null, 'x', 5, []]): unknown => (random() < 0.8 ? make() : pick(invalid));
  const fn = () => ({ name: str(), arguments: str(), extra: 1 });
  const toolCall = () => ({ id: str(), function: sometimes(fn), ...(stream ? { index: num() } : {}), type: 'function' });
  const message = () => ({ role: 'assistant', content: str(), refusal: str(), tool_calls: sometimes(() => Array.from({ length: Math.floor(random() * 3) }, toolCall)), annotations: [] });
  const choice = () => ({ index: num(), [stream ? 'delta' : 'message']: sometimes(message), finish_reason: str(), logprobs: null });
  const usage = () => ({
    prompt_tokens: num(), completion_tokens: num(), total_tokens: 3,
    prompt_tokens_details: sometimes(() => ({ cached_tokens: num() })),
    completion_tokens_details: sometimes(() => ({ reasoning_tokens: num() })),
  });
  return random() < 0.03
    ? pick([null, 'x', []])
    : { id: str(), object: 'chat.completion', model: str(), choices: sometimes(() => Array.from({ length: Math.floor(random() * 3) }, choice)), usage: sometimes(usage), system_fingerprint: 'fp' };
}

/** Undefined-valued keys do not survive JSON: compare replies as they arrive on the wire. */
const wire = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown);

/** The generated replies (from `seed`) a plain check vouches for; asserts that enough were. */
function vouchedReplies<T>(seed: number, count: number, stream: boolean, plain: (json: unknown) => json is T, atLeast: number): T[] {
  const random = createRng(seed).next;
  const vouched: T[] = [];
  for (let i = 0; i < count; i++) {
    const json = wire(reply(random, stream));
    if (plain(json)) vouched.push(json);
  }
  // The generator is meant to exercise the plain checks, not only the schema fallback.
  assert.ok(vouched.length > atLeast, `only ${vouched.length} of ${count} replies were vouched for`);
  return vouched;
}

test('a completion the plain check accepts is accepted by the schema and maps identically', () => {
  for (const json of vouchedReplies(4242, 20_000, false, isPlainOpenAICompletion, 1000)) {
    const parsed = OpenAICompletionSchema.safeParse(json);
    assert.ok(parsed.success, `the schema refused ${JSON.stringify(json)}`);
    assert.deepEqual(fromOpenAIResponse(json, 'm'), fromOpenAIResponse(parsed.data, 'm'), JSON.stringify(json));
  }
});

async function collect(events: Array<{ data: string }>): Promise<StreamPart[]> {
  const ctx: Parameters<typeof fromOpenAIStream>[0] = { provider: 'openai', apiKey: 'sk-test-key', signal: new AbortController().signal };
  async function* source() {
    yield* events;
  }
  const parts: StreamPart[] = [];
  for await (const part of fromOpenAIStream(ctx, source() as never, dialectTraits('openai'))) parts.push(part);
  return parts;
}

test('a chunk the plain check accepts is accepted by the schema and streams identically', async () => {
  const done = { data: '[DONE]' };
  for (const json of vouchedReplies(2424, 10_000, true, isPlainOpenAIChunk, 500)) {
    const parsed = OpenAIChunkSchema.safeParse(json);
    assert.ok(parsed.success, `the schema refused ${JSON.stringify(json)}`);
    assert.deepEqual(await collect([{ data: JSON.stringify(json) }, done]), await collect([{ data: JSON.stringify(parsed.data) }, done]), JSON.stringify(json));
  }
});
