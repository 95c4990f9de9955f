// readJsonBody against a real node:http server: a body that arrived with its headers (read at
// once), one that is still arriving (read as it comes), and the size limit on both paths.
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
    void Promise.resolve()
      .then(() => readJsonBody(req, LIMITS))
      .then(
        (json) => res.end(JSON.stringify({ json })),
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

/** Sends a raw chunked request, its body in the given parts with a pause between them. */
async function send(parts: string[], pauseMs: number): Promise<{ status: number; body: unknown }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let reply = '';
  socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
  // The server may answer (413) and close while parts are still being written.
  socket.on('error', () => undefined);
  const closed = new Promise((resolve) => socket.once('close', resolve));
  const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
  const head = 'POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n';
  if (pauseMs === 0) socket.write(head + parts.map(chunk).join('') + '0\r\n\r\n');
  else {
    socket.write(head);
    for (const part of parts) {
      if (socket.destroyed) break;
      socket.write(chunk(part));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (!socket.destroyed) socket.write('0\r\n\r\n');
  }
  await closed;
  const [statusLine, ...rest] = reply.split('\r\n');
  const payload = rest.join('\r\n').split('\r\n\r\n')[1]!;
  // The reply is chunked too: the JSON sits between the size line and the terminator.
  const json = payload.split('\r\n').find((line) => line.startsWith('{'))!;
  return { status: Number(statusLine!.split(' ')[1]), body: JSON.parse(json) as unknown };
}

describe('readJsonBody', () => {
  it('parses a body that arrived whole with its headers, and one that arrives in parts', async () => {
    assert.deepEqual(await send(['{"a":', '[1,2]}'], 0), { status: 200, body: { json: { a: [1, 2] } } });
    assert.deepEqual(await send(['{"a":', '[1,2]}'], 30), { status: 200, body: { json: { a: [1, 2] } } });
  });

  it('answers 413 past the limit and 400 for malformed JSON, on both paths', async () => {
    const big = ['{"a":"', 'x'.repeat(700), 'x'.repeat(700), '"}'];
    for (const pause of [0, 20]) {
      assert.deepEqual(await send(big, pause), { status: 413, body: { code: 'request_too_large' } }, `pause ${pause}`);
      assert.deepEqual(await send(['{"a":', '['], pause), { status: 400, body: { code: 'invalid_json' } }, `pause ${pause}`);
    }
  });
});
