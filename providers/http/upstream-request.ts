// Sending one POST to an upstream over its origin's keep-alive pool and reading the reply with
// size limits. Non-2xx replies become ProviderCallErrors via the provider's mapper; transport
// failures via transportError. Adapters never touch undici directly.
import type { ZodType } from 'zod';
import { callError, parseUpstreamJson, transportError, mappedError } from './upstream-failure.ts';
import type { CallContext, ErrorMapper } from './upstream-failure.ts';
import type { UpstreamUrl } from './join-url.ts';
import { exchange, type UpstreamBody, type UpstreamExchange } from './upstream-exchange.ts';

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

export async function postUpstream(call: UpstreamPost): Promise<UpstreamExchange> {
  if (call.signal.aborted) throw transportError(call, call.signal.reason);
  let response: UpstreamExchange;
  try {
    response = await exchange({
      origin: call.url.origin,
      method: 'POST',
      path: call.url.path,
      headers: { 'content-type': 'application/json', ...call.headers },
      body: JSON.stringify(call.body),
      signal: call.signal,
    });
  } catch (error) {
    throw transportError(call, error);
  }
  if (response.status >= 200 && response.status < 300) return response;
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
  throw mappedError(call, call.mapError({ status: response.status, headers: response.headers, body, text }));
}

/**
 * Reads a successful JSON reply and validates it with a (lenient) schema; `plain`, when given,
 * vouches for the common reply without the schema's copy (it must accept only what the schema does).
 */
export async function readUpstreamJson<T>(call: CallContext, response: UpstreamExchange, schema: ZodType<T>, what: string, plain?: (json: unknown) => json is T): Promise<T> {
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

/** Buffers a body up to `limit` bytes: beyond it, either truncate (error bodies) or fail. */
function readLimitedText(body: UpstreamBody, limit: number, truncate: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const text = () => (chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    body.pipeTo({
      data(buffer) {
        size += buffer.length;
        if (size <= limit) {
          chunks.push(buffer);
          return;
        }
        body.destroy();
        if (!truncate) return reject(new BodyTooLargeError(`response body exceeds ${limit} bytes`));
        chunks.push(buffer.subarray(0, buffer.length - (size - limit)));
        resolve(text());
      },
      end: () => resolve(text()),
      error: reject,
    });
  });
}
