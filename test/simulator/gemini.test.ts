// Conformance of the simulator's Gemini dialect, exercised through @google/genai.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, GoogleGenAI, Type } from '@google/genai';
import { startSimulator } from '../../simulator/server.ts';
import type { RunningSimulator } from '../../simulator/server.ts';

let sim: RunningSimulator;
let ai: GoogleGenAI;
const fastHeader = JSON.stringify({ ttftMs: 0, tokensPerSecond: 1e6 });
const forced = (behavior: Record<string, unknown>) => new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: `${sim.url}/gemini`, headers: { 'x-sim-behavior': JSON.stringify(behavior) } } });

before(async () => {
  sim = await startSimulator({ port: 0 });
  ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: `${sim.url}/gemini`, headers: { 'x-sim-behavior': fastHeader } } });
});
after(() => sim.close());

describe('gemini generateContent', () => {
  it('answers with candidates and usageMetadata (thinking tokens on 2.5 Flash)', async () => {
    const r = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Explain routing briefly.', config: { systemInstruction: 'Be brief.' } });
    assert.ok(r.text && r.text.length > 0);
    assert.equal(r.candidates?.[0]?.finishReason, 'STOP');
    const u = r.usageMetadata;
    assert.ok(u?.promptTokenCount && u.candidatesTokenCount && u.totalTokenCount);
    assert.equal(u.thoughtsTokenCount, 12);
    assert.equal(u.totalTokenCount, u.promptTokenCount + u.candidatesTokenCount + 12);
    assert.equal(r.modelVersion, 'gemini-2.5-flash');
  });

  it('streams GenerateContentResponse chunks over SSE with the same text', async () => {
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'Stream it.' });
    let text = '';
    let chunks = 0;
    let finish: string | undefined;
    let total: number | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.text ?? '';
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
      total = chunk.usageMetadata?.totalTokenCount;
    }
    assert.ok(chunks >= 2);
    assert.equal(finish, 'STOP');
    assert.ok(total && total > 0);
    const json = await ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'Stream it.' });
    assert.equal(text, json.text);
  });

  it('calls functions and returns JSON for a responseSchema', async () => {
    const tools = [{ functionDeclarations: [{ name: 'lookup', parametersJsonSchema: { type: 'object', properties: { term: { type: 'string' }, limit: { type: 'integer' } }, required: ['term'] } }] }];
    const r = await ai.models.generateContent({ model: 'gemini-2.5-flash-lite', contents: 'Look up switchyards', config: { tools } });
    const call = r.functionCalls?.[0];
    assert.equal(call?.name, 'lookup');
    assert.equal(typeof (call?.args as { term: string }).term, 'string');
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash-lite', contents: 'Look up switchyards', config: { tools } });
    const streamed = [];
    for await (const chunk of stream) streamed.push(...(chunk.functionCalls ?? []));
    assert.deepEqual(streamed[0]?.args, call?.args);
    const js = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Give a rating',
      config: { responseMimeType: 'application/json', responseSchema: { type: Type.OBJECT, properties: { stars: { type: Type.INTEGER }, note: { type: Type.STRING } } } },
    });
    const parsed = JSON.parse(js.text ?? '') as { stars: number; note: string };
    assert.ok(Number.isInteger(parsed.stars) && typeof parsed.note === 'string');
  });

  it('honours maxOutputTokens, stopSequences and candidateCount', async () => {
    const cut = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Long', config: { maxOutputTokens: 3 } });
    assert.equal(cut.candidates?.[0]?.finishReason, 'MAX_TOKENS');
    assert.equal(cut.usageMetadata?.candidatesTokenCount, 3);
    const two = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Two please', config: { candidateCount: 2 } });
    assert.equal(two.candidates?.length, 2);
  });

  it('lists models', async () => {
    const names: string[] = [];
    for await (const m of await ai.models.list()) names.push(m.name ?? '');
    assert.deepEqual(names.sort(), ['models/gemini-2.5-flash', 'models/gemini-2.5-flash-lite', 'models/gemini-2.5-pro']);
  });
});

describe('gemini errors', () => {
  const ask = (client: GoogleGenAI, model = 'gemini-2.5-flash') => client.models.generateContent({ model, contents: 'x' }).catch((e: unknown) => e);

  it('sends RetryInfo on a retryable 429 and none when the quota is exhausted', async () => {
    const limited = await ask(forced({ force: 'rate_limit', retryAfterSeconds: 7 }));
    assert.ok(limited instanceof ApiError && limited.status === 429);
    const body = JSON.parse(limited.message) as { error: { status: string; details: Array<Record<string, string>> } };
    assert.equal(body.error.status, 'RESOURCE_EXHAUSTED');
    assert.equal(body.error.details.find((d) => d['@type'] === 'type.googleapis.com/google.rpc.RetryInfo')?.retryDelay, '7s');
    const quota = await ask(forced({ force: 'quota' }));
    assert.ok(quota instanceof ApiError && quota.status === 429);
    const qbody = JSON.parse(quota.message) as { error: { details: Array<Record<string, string>> } };
    assert.ok(!qbody.error.details.some((d) => d['@type']?.endsWith('RetryInfo')));
  });

  it('maps 500 / 503 and unknown models, and refuses calls without a key', async () => {
    assert.equal(((await ask(forced({ force: 'server_error' }))) as ApiError).status, 500);
    assert.equal(((await ask(forced({ force: 'unavailable' }))) as ApiError).status, 503);
    assert.equal(((await ask(ai, 'gemini-9')) as ApiError).status, 404);
    const raw = await fetch(`${sim.url}/gemini/v1beta/models/gemini-2.5-flash:generateContent`, { method: 'POST', body: JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }] }) });
    assert.equal(raw.status, 403);
    assert.equal(((await raw.json()) as { error: { status: string } }).error.status, 'PERMISSION_DENIED');
    const viaQuery = await fetch(`${sim.url}/v1beta/models/gemini-2.5-flash:generateContent?key=abc`, { method: 'POST', headers: { 'x-sim-behavior': fastHeader }, body: JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }] }) });
    assert.equal(viaQuery.status, 200);
  });

  it('aborts a hang with an AbortSignal and errors on a mid-stream disconnect', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const started = Date.now();
    const hung = await forced({ force: 'hang' }).models.generateContent({ model: 'gemini-2.5-flash', contents: 'x', config: { abortSignal: controller.signal } }).catch((e: unknown) => e);
    assert.ok(hung instanceof Error);
    assert.ok(Date.now() - started < 2000);
    const dropped = async () => {
      const stream = await forced({ force: 'disconnect', afterFrames: 1, ttftMs: 0, tokensPerSecond: 1e6 }).models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'x' });
      for await (const _chunk of stream) {
        // drain
      }
    };
    await assert.rejects(dropped());
  });
});
