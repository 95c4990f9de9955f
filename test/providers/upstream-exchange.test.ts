// The upstream exchange against a local HTTP server: a body read after it has fully arrived, an
// abort in the middle of a body, and the cap on an error body.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderCallError } from '../../core/provider-error.ts';
import { EARLY_BODY_LIMIT, exchange, type BodySink } from '../../providers/http/upstream-exchange.ts';
import { joinUrl } from '../../providers/http/join-url.ts';
import { closeUpstreamPools } from '../../providers/http/upstream-pool.ts';
import { MAX_ERROR_BODY_BYTES, postUpstream } from '../../providers/http/upstream-request.ts';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.ts';

let server: ScriptedServer;
before(async () => (server = await startScriptedServer()));
after(async () => {
  await closeUpstreamPools();
  await server.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function collector(): BodySink & { chunks: string[]; settled: Promise<'end' | unknown> } {
  let settle!: (outcome: unknown) => void;
  const settled = new Promise<unknown>((resolve) => (settle = resolve));
  const chunks: string[] = [];
  return { chunks, settled, data: (chunk) => chunks.push(chunk.toString()), end: () => settle('end'), error: (error) => settle(error) };
}

describe('upstream exchange', () => {
  it('hands over a body that arrived in full before it was read, in order, then its end', async () => {
    server.script('/early', (_req, res) => {
      res.writeHead(200);
      res.write('one,');
      setTimeout(() => res.end('two'), 10);
    });
    const response = await exchange({ origin: server.origin, method: 'GET', path: '/early', headers: {} });
    await sleep(50);
    const sink = collector();
    response.body.pipeTo(sink);
    assert.equal(await sink.settled, 'end');
    assert.equal(sink.chunks.join(''), 'one,two');
    assert.throws(() => response.body.pipeTo(collector()), /already been read/);
  });

  it('stops reading a body nobody has attached to past a limit, and delivers all of it once read', async () => {
    const total = EARLY_BODY_LIMIT * 8;
    let blocked = false;
    server.script('/unread', (_req, res) => {
      res.writeHead(200);
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          sent += 64 * 1024;
          if (!res.write(Buffer.alloc(64 * 1024, 0x61))) {
            blocked = true;
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const response = await exchange({ origin: server.origin, method: 'GET', path: '/unread', headers: {} });
    await sleep(150);
    assert.equal(response.body.paused, true, 'reading stopped');
    assert.equal(blocked, true, 'the server saw backpressure');
    let bytes = 0;
    const done = new Promise<void>((resolve, reject) => response.body.pipeTo({ data: (chunk) => void (bytes += chunk.length), end: resolve, error: reject }));
    await done;
    assert.equal(bytes, total);
  });

  it('an abort in the middle of a body fails the reader and closes the connection', async () => {
    server.script('/mid', (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('tick'), 5);
      res.on('close', () => clearInterval(timer));
    });
    const controller = new AbortController();
    const response = await exchange({ origin: server.origin, method: 'GET', path: '/mid', headers: {}, signal: controller.signal });
    const sink = collector();
    response.body.pipeTo(sink);
    await sleep(20);
    controller.abort(new Error('deadline'));
    const outcome = await sink.settled;
    assert.ok(outcome instanceof Error, 'the reader got an error');
    assert.equal(response.body.finished, true);
    assert.ok(await server.closedEarly('/mid'), 'the server saw the connection closed');
  });

  it('an error reply reaches the mapper with its body capped, and a transport failure is a network error', async () => {
    server.script('/big-error', (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('x'.repeat(MAX_ERROR_BODY_BYTES * 3));
    });
    const call = { provider: 'test', apiKey: 'sk-test-key-123456', signal: new AbortController().signal };
    let seen = -1;
    await assert.rejects(
      postUpstream({
        ...call, url: joinUrl('test', server.origin, '/big-error'), headers: {}, body: {},
        mapError: ({ text }) => {
          seen = text.length;
          return { kind: 'server', message: 'boom' };
        },
      }),
      (error: unknown) => error instanceof ProviderCallError && error.info.kind === 'server',
    );
    assert.equal(seen, MAX_ERROR_BODY_BYTES);

    server.script('/reset', (req) => req.socket.destroy());
    await assert.rejects(
      postUpstream({ ...call, url: joinUrl('test', server.origin, '/reset'), headers: {}, body: {}, mapError: () => ({ kind: 'server', message: 'unexpected' }) }),
      (error: unknown) => error instanceof ProviderCallError && error.info.kind === 'network',
    );
  });
});
