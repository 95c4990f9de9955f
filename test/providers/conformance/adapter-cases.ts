// The adapters under test and how to reach each one's surface on the simulator, plus small
// helpers shared by the conformance cases (targets with x-sim-behavior, stream collection).
import assert from 'node:assert/strict';
import type { ChatRequest, StreamPart, ToolCall, Usage } from '../../../core/chat.ts';
import { ProviderCallError } from '../../../core/provider-error.ts';
import type { ProviderErrorKind } from '../../../core/provider-error.ts';
import type { ProviderAdapter, ProviderKind, ProviderTarget } from '../../../providers/adapter.ts';
import { adapterFor } from '../../../providers/index.ts';

export interface AdapterCase {
  kind: ProviderKind;
  /** The simulator surface, appended to its URL. */
  basePath: string;
  model: string;
  /** A model for which the simulator reports reasoning tokens, if the provider family has one. */
  reasoningModel?: { name: string; reasoningTokens: number };
  /** Whether the provider can return several choices per request. */
  supportsN: boolean;
}

export const ADAPTER_CASES: AdapterCase[] = [
  { kind: 'openai', basePath: '/openai/v1', model: 'gpt-4o-mini', reasoningModel: { name: 'o4-mini', reasoningTokens: 24 }, supportsN: true },
  { kind: 'openai-compatible', basePath: '/openai/v1', model: 'gpt-4o-mini', reasoningModel: { name: 'o4-mini', reasoningTokens: 24 }, supportsN: true },
  { kind: 'anthropic', basePath: '/anthropic', model: 'claude-haiku-4-5', supportsN: false },
  { kind: 'gemini', basePath: '/gemini', model: 'gemini-2.5-flash', reasoningModel: { name: 'gemini-2.5-flash', reasoningTokens: 12 }, supportsN: true },
];

export const API_KEY = 'sk-conformance-secret-0123456789';

/** Zero latency by default so the suite stays fast; a case's own behaviour is merged over it. */
const FAST = { ttftMs: 0, tokensPerSecond: 1e6 };

export interface Harness {
  readonly c: AdapterCase;
  readonly adapter: ProviderAdapter;
  target(behavior?: Record<string, unknown>, apiKey?: string): ProviderTarget;
  request(overrides?: Partial<ChatRequest>): ChatRequest;
}

export function harness(c: AdapterCase, simulatorUrl: () => string): Harness {
  return {
    c,
    adapter: adapterFor(c.kind),
    target: (behavior = {}, apiKey = API_KEY) => ({
      kind: c.kind,
      baseUrl: `${simulatorUrl()}${c.basePath}`,
      apiKey,
      headers: { 'x-sim-behavior': JSON.stringify({ ...FAST, ...behavior }) },
    }),
    request: (overrides = {}) => ({ model: c.model, messages: [{ role: 'user', content: 'Tell me about gateways.' }], seed: 11, ...overrides }),
  };
}

export const signal = (ms = 5000): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(ms) });

export async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

/** Iterates until the stream throws; returns what was yielded before, and the error. */
export async function collectUntilError(parts: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error: ProviderCallError }> {
  const out: StreamPart[] = [];
  try {
    for await (const part of parts) out.push(part);
  } catch (error) {
    assert.ok(error instanceof ProviderCallError, `expected ProviderCallError, got ${String(error)}`);
    return { parts: out, error };
  }
  assert.fail(`stream ended without an error after ${out.length} parts`);
}

export async function expectCallError(promise: Promise<unknown>, kind: ProviderErrorKind): Promise<ProviderCallError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderCallError, `expected ProviderCallError, got ${String(error)}`);
    assert.equal(error.info.kind, kind, `expected ${kind}, got ${error.info.kind}: ${error.message}`);
    assert.ok(!error.message.includes(API_KEY), 'the API key leaked into the error message');
    return error;
  }
  assert.fail(`expected a ${kind} error, but the call succeeded`);
}

export function streamedText(parts: StreamPart[], choice = 0): string {
  return parts.map((p) => (p.type === 'text-delta' && p.choice === choice ? p.text : '')).join('');
}

/** Assembles streamed tool-call deltas (id and name once, arguments in fragments) into calls. */
export function streamedToolCalls(parts: StreamPart[], choice = 0): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const p of parts) {
    if (p.type !== 'tool-call-delta' || p.choice !== choice) continue;
    const call = (calls[p.index] ??= { id: '', name: '', arguments: '' });
    if (p.id) call.id = p.id;
    if (p.name) call.name = p.name;
    call.arguments += p.argsDelta;
  }
  return calls;
}

/** Exactly one usage part, and it is the last part; returns its usage. */
export function finalUsage(parts: StreamPart[]): Usage {
  const usageParts = parts.filter((p) => p.type === 'usage');
  assert.equal(usageParts.length, 1, 'exactly one usage part');
  const last = parts[parts.length - 1];
  assert.equal(last?.type, 'usage', 'the usage part comes last');
  return last.type === 'usage' ? last.usage : assert.fail('no usage');
}

export function finishReasons(parts: StreamPart[]): string[] {
  return parts.flatMap((p) => (p.type === 'finish' ? [`${p.choice}:${p.reason}`] : []));
}

export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city'] },
};
