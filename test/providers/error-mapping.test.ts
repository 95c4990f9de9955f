// Native error bodies the simulator does not produce (context length, content filter, bad keys,
// in-stream errors) mapped into the taxonomy, and the API key never surviving into a message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapAnthropicError } from '../../providers/anthropic/map-anthropic-error.ts';
import { mapGeminiError } from '../../providers/gemini/map-gemini-error.ts';
import { mappedError, transportError } from '../../providers/http/upstream-failure.ts';
import type { UpstreamFailure } from '../../providers/http/upstream-failure.ts';
import { mapOpenAIError } from '../../providers/openai/map-openai-error.ts';

const failure = (status: number | undefined, body: unknown, headers: UpstreamFailure['headers'] = {}): UpstreamFailure => ({ status, headers, body, text: JSON.stringify(body) });

describe('OpenAI error mapping', () => {
  it('recognises context length, content filter, quota and rate limits', () => {
    assert.equal(mapOpenAIError(failure(400, { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', code: 'context_length_exceeded' } })).kind, 'context_length');
    assert.equal(mapOpenAIError(failure(400, { error: { message: 'Your request was rejected as a result of our safety system.', code: 'content_policy_violation' } })).kind, 'content_filter');
    assert.equal(mapOpenAIError(failure(429, { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } }, { 'retry-after': '3' })).retryAfterMs, undefined);
    const limited = mapOpenAIError(failure(429, { error: { message: 'slow down', code: 'rate_limit_exceeded' } }, { 'retry-after-ms': '250' }));
    assert.deepEqual([limited.kind, limited.retryAfterMs], ['rate_limited', 250]);
  });

  it('maps statuses when the body is not OpenAI JSON (compatible servers)', () => {
    assert.equal(mapOpenAIError({ status: 502, headers: {}, body: undefined, text: '<html>Bad Gateway</html>' }).kind, 'server');
    assert.equal(mapOpenAIError({ status: 504, headers: {}, body: undefined, text: '' }).kind, 'timeout');
    assert.equal(mapOpenAIError(failure(401, { error: 'unauthorized' })).kind, 'auth');
    assert.equal(mapOpenAIError(failure(422, { detail: 'bad' })).kind, 'bad_request');
  });
});

describe('Anthropic error mapping', () => {
  it('maps error types, credit balance and prompt length', () => {
    const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });
    assert.equal(mapAnthropicError(failure(529, body('overloaded_error', 'Overloaded'))).kind, 'overloaded');
    assert.equal(mapAnthropicError(failure(400, body('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'))).kind, 'context_length');
    assert.equal(mapAnthropicError(failure(400, body('invalid_request_error', 'Your credit balance is too low to access the Anthropic API.'))).kind, 'quota_exhausted');
    assert.equal(mapAnthropicError(failure(403, body('permission_error', 'no'))).kind, 'auth');
    assert.equal(mapAnthropicError(failure(500, body('api_error', 'Internal server error'))).kind, 'server');
  });

  it('maps an error event inside a stream by its type', () => {
    assert.equal(mapAnthropicError(failure(undefined, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).kind, 'overloaded');
  });
});

describe('Gemini error mapping', () => {
  it('tells rate limits (RetryInfo) from exhausted quota', () => {
    const retryInfo = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' };
    const limited = mapGeminiError(failure(429, { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'quota', details: [retryInfo] } }));
    assert.deepEqual([limited.kind, limited.retryAfterMs], ['rate_limited', 12_000]);
    assert.equal(mapGeminiError(failure(429, { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'quota', details: [] } })).kind, 'quota_exhausted');
  });

  it('recognises an invalid key (a 400) as auth, and context length', () => {
    const badKey = { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'API key not valid. Please pass a valid API key.', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] } };
    assert.equal(mapGeminiError(failure(400, badKey)).kind, 'auth');
    const tooLong = { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).' } };
    assert.equal(mapGeminiError(failure(400, tooLong)).kind, 'context_length');
  });

  it('accepts the array-wrapped error form', () => {
    assert.equal(mapGeminiError(failure(503, [{ error: { code: 503, status: 'UNAVAILABLE', message: 'overloaded' } }])).kind, 'overloaded');
  });
});

describe('secrets in errors', () => {
  const ctx = { provider: 'openai', apiKey: 'sk-live-abcdefghijklmnop', signal: new AbortController().signal };

  it('redacts the API key from upstream messages', () => {
    const error = mappedError(ctx, mapOpenAIError(failure(401, { error: { message: 'Incorrect API key provided: sk-live-abcdefghijklmnop.', code: 'invalid_api_key' } })));
    assert.equal(error.info.kind, 'auth');
    assert.ok(!error.message.includes(ctx.apiKey) && !error.info.message.includes(ctx.apiKey));
  });

  it('maps transport failures: abort → timeout, socket errors → network', () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(transportError({ ...ctx, signal: controller.signal }, new Error('aborted')).info.kind, 'timeout');
    assert.equal(transportError(ctx, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).info.kind, 'network');
    assert.equal(transportError(ctx, Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })).info.kind, 'timeout');
  });
});
