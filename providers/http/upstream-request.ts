// Sending one POST to an upstream over its origin's keep-alive pool and reading the reply with
// size limits. Non-2xx replies become ProviderCallErrors via the provider's mapper; transport
// failures via transportError. Adapters never touch undici directly.
import type { Dispatcher } from 'undici';
import type { ZodType } from 'zod';
import { callError, parseUpstreamJson, transportError, mappedError } from './upstream-failure.ts';
import type { CallContext, ErrorMapper, HeaderBag } from './upstream-failure.ts';
import type { UpstreamUrl } from './join-url.ts';
import { poolFor } from './upstream-pool.ts';

/** Largest successful JSON body we buffer (n choices of long answers fit comfortably). */
export const MAX_JSON_BODY_BYTES = 32 * 1024 * 1024;
/** Error bodies are small; anything beyond this is truncated, not buffered. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface UpstreamPost extends CallContext {
  url: UpstreamUrl;
  headers: Record<string, string>;
  body: unknown;
  mapError: ErrorMapper;
}

export interface UpstreamResponse {
  status: number;
  headers: HeaderBag;
  body: Dispatcher.ResponseData['body'];
}

export async function postUpstream(call: UpstreamPost): Promise<UpstreamResponse> {
  if (call.signal.aborted) throw transportError(call, call.signal.reason);
  let response: Dispatcher.ResponseData;
  try {
    response = await poolFor(call.url.origin).request({
      method: 'POST',
      path: call.url.path,
      headers: { 'content-type': 'application/json', ...call.headers },
      body: JSON.stringify(call.body),
      // undici takes any object with add/removeEventListener('abort') (core/util.js addAbortListener).
      signal: call.signal as AbortSignal,
    });
  } catch (error) {
    throw transportError(call, error);
  }
  if (response.statusCode >= 200 && response.statusCode < 300) {
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }
  const text = await readLimitedText(response.body, MAX_ERROR_BODY_BYTES, true).catch((error: unknown) => {
    if (call.signal.aborted) throw transportError(call, error);
    return '';
  });
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  throw mappedError(call, call.mapError({ status: response.statusCode, headers: response.headers, body, text }));
}

/**
 * Reads a successful JSON reply and validates it with a (lenient) schema; `plain`, when given,
 * vouches for the common reply without the schema's copy (it must accept only what the schema does).
 */
export async function readUpstreamJson<T>(call: CallContext, response: UpstreamResponse, schema: ZodType<T>, what: string, plain?: (json: unknown) => json is T): Promise<T> {
  let text: string;
  try {
    text = await readLimitedText(response.body, MAX_JSON_BODY_BYTES, false);
  } catch (error) {
    throw transportError(call, error);
  }
  const json = parseUpstreamJson(call, text, what);
  if (plain?.(json)) return json;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw callError(call, 'network', `unexpected ${what} shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Buffers a body up to `limit` bytes: beyond it, either truncate (error bodies) or fail. Plain
 * listeners rather than `for await`: the async iterator cost a few KB of promises and iterator
 * state per response (the hot path reads one of these per request).
 */
function readLimitedText(body: UpstreamResponse['body'], limit: number, truncate: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: unknown) => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', finish);
      body.off('close', onClose);
      if (!body.destroyed) body.destroy();
      if (error !== undefined) reject(error);
      else resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (buffer: Buffer) => {
      size += buffer.length;
      if (size <= limit) {
        chunks.push(buffer);
        return;
      }
      if (!truncate) return finish(new BodyTooLargeError(`response body exceeds ${limit} bytes`));
      chunks.push(buffer.subarray(0, buffer.length - (size - limit)));
      finish();
    };
    const onEnd = () => finish();
    // Destroyed before the end (the signal aborted the request): report it like the iterator did.
    const onClose = () => finish(new Error('the response body was closed before it ended'));
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', finish);
    body.on('close', onClose);
  });
}
