// readJsonBody against a real node:http server: a body that arrived with its headers (read at
// once), one that is still arriving (read as it comes), and the size limit on both paths. The
// server reports which path read each body: the one taken at once is the hot path's common case.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OpenAiHttpError } from '../../gateway/openai/openai-error.ts';
import { readJsonBody } from '../../gateway/openai/http-io.ts';

const LIMITS = { bytes: 1024, timeoutMs: 5_000 };
let port = 0;
let server: http.Server;

before(async () => {
  server = http.createServer((req, res) => {
    // Like the gateway's handler: the body is asked for after an await.
    let read = '';
    void Promise.resolve()
      .then(() => {
        const body = readJsonBody(req, LIMITS);
        // The listener path waits for 'data'; the other took what the parser had buffered.
        read = req.listenerCount('data') === 0 ? 'at once' : 'as it arrives';
        return body;
      })
      .then(
        (json) => res.end(JSON.stringify({ json, read })),
        (error: unknown) => {
          res.statusCode = error instanceof OpenAiHttpError ? error.status : 500;
          res.end(JSON.stringify({ code: error instanceof OpenAiHttpError ? error.code : String(error) }));
        },
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

type Framing = 'chunked' | 'content-length';

/** Sends a raw request, its body in the given parts with a pause between them (none: one write). */
async function send(parts: string[], pauseMs: number, framing: Framing = 'chunked'): Promise<{ status: number; body: unknown }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let reply = '';
  socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
  // The server may answer (413) and close while parts are still being written.
  socket.on('error', () => undefined);
  const closed = new Promise((resolve) => socket.once('close', resolve));
  const chunked = framing === 'chunked';
  const chunk = (text: string) => (chunked ? `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n` : text);
  const frame = chunked ? 'transfer-encoding: chunked' : `content-length: ${Buffer.byteLength(parts.join(''))}`;
  const head = `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n${frame}\r\nconnection: close\r\n\r\n`;
  const end = chunked ? '0\r\n\r\n' : '';
  if (pauseMs === 0) socket.write(head + parts.map(chunk).join('') + end);
  else {
    socket.write(head);
    for (const part of parts) {
      if (socket.destroyed) break;
      socket.write(chunk(part));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (!socket.destroyed && end) socket.write(end);
  }
  await closed;
  const [statusLine, ...rest] = reply.split('\r\n');
  const payload = rest.join('\r\n').split('\r\n\r\n')[1]!;
  // The reply is chunked too: the JSON sits between the size line and the terminator.
  const json = payload.split('\r\n').find((line) => line.startsWith('{'))!;
  return { status: Number(statusLine!.split(' ')[1]), body: JSON.parse(json) as unknown };
}

describe('readJsonBody', () => {
  it('reads a content-length body that arrived with its headers at once, and one that arrives in parts as it comes', async () => {
    // What SDK clients send: one write, a declared length. Node's parser runs the handler's
    // microtasks before it marks the message complete, so this is read on the declared length.
    assert.deepEqual(await send(['{"a":', '[1,2]}'], 0, 'content-length'), { status: 200, body: { json: { a: [1, 2] }, read: 'at once' } });
    assert.deepEqual(await send(['{"a":', '[1,2]}'], 30, 'content-length'), { status: 200, body: { json: { a: [1, 2] }, read: 'as it arrives' } });
  });

  it('parses a chunked body that arrived whole with its headers, and one that arrives in parts', async () => {
    for (const pause of [0, 30]) {
      const { status, body } = await send(['{"a":', '[1,2]}'], pause);
      assert.deepEqual([status, (body as { json: unknown }).json], [200, { a: [1, 2] }], `pause ${pause}`);
    }
  });

  it('answers 413 past the limit and 400 for malformed JSON, on both paths and both framings', async () => {
    const big = ['{"a":"', 'x'.repeat(700), 'x'.repeat(700), '"}'];
    for (const framing of ['chunked', 'content-length'] as const) {
      for (const pause of [0, 20]) {
        assert.deepEqual(await send(big, pause, framing), { status: 413, body: { code: 'request_too_large' } }, `${framing}, pause ${pause}`);
        assert.deepEqual(await send(['{"a":', '['], pause, framing), { status: 400, body: { code: 'invalid_json' } }, `${framing}, pause ${pause}`);
      }
    }
  });
});
