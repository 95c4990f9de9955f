// Small node:http helpers: bounded JSON body reading, JSON replies, and backpressure-aware writes.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies above this are refused before buffering (a simulator has no business with more). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: 'invalid_json' | 'too_large' };

export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, reason: 'too_large' };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: 'invalid_json' };
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Writes and waits for 'drain' when the socket buffer is full; gives up if the client is gone. */
export function writeChunk(res: ServerResponse, text: string): Promise<void> {
  if (res.destroyed) return Promise.reject(new DOMException('client gone', 'AbortError'));
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new DOMException('client gone', 'AbortError'));
    res.once('close', onClose);
    res.once('drain', () => {
      res.off('close', onClose);
      resolve();
    });
  });
}

/** A header value, whatever its case or multiplicity. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
