// How long an upstream asks us to wait: `retry-after-ms` (OpenAI), `retry-after` in seconds or as
// an HTTP date (RFC 9110), and Google's protobuf Duration text ("7s", "0.250s") from RetryInfo.

type HeaderBag = Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderBag, name: string): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** Milliseconds to wait, from response headers; undefined when none (or unparseable). */
export function retryAfterMsFromHeaders(headers: HeaderBag, nowMs: number = Date.now()): number | undefined {
  const ms = headerValue(headers, 'retry-after-ms');
  if (ms !== undefined && DECIMAL.test(ms)) return Math.round(Number(ms));
  const after = headerValue(headers, 'retry-after');
  if (after === undefined) return undefined;
  if (DECIMAL.test(after)) return Math.round(Number(after) * 1000);
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** A protobuf Duration in its JSON form ("7s", "1.5s", "0.250s") → milliseconds. */
export function parseDurationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(text);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}
