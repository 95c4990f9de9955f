// sseEvents over real upstream exchanges with a local HTTP server: chunking, backpressure, a
// connection lost mid-stream, and a consumer that stops early.
import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ProviderCallError } from '../../core/provider-error.ts';
import { sseEvents } from '../../providers/http/sse-events.ts';
import type { SseEvent } from '../../providers/http/sse-parser.ts';
import { exchange, type UpstreamExchange } from '../../providers/http/upstream-exchange.ts';
import { closeUpstreamPools } from '../../providers/http/upstream-pool.ts';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.ts';

type Script = (res: http.ServerResponse) => void;

let server: ScriptedServer;
before(async () => (server = await startScriptedServer()));
after(async () => {
  await closeUpstreamPools();
  await server.close();
});

const ctx = () => ({ provider: 'test', apiKey: 'sk-test-key-123456', signal: new AbortController().signal });

async function open(path: string, script: Script): Promise<UpstreamExchange> {
  server.script(path, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    script(res);
  });
  return exchange({ origin: server.origin, method: 'GET', path, headers: {} });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sseEvents', () => {
  it('parses events split anywhere, a multi-byte character across two chunks included', async () => {
    const response = await open('/split', (res) => {
      const bytes = Buffer.from('data: {"a":1}\n\nevent: x\ndata: h€llo\n\ndata: last\n\n', 'utf8');
      const euro = bytes.indexOf(0xe2);
      void (async () => {
        for (const [from, to] of [[0, 5], [5, euro + 1], [euro + 1, euro + 2], [euro + 2, bytes.length]] as const) {
          res.write(bytes.subarray(from, to));
          await sleep(5);
        }
        res.end();
      })();
    });
    const seen: SseEvent[] = [];
    for await (const event of sseEvents(ctx(), response)) seen.push(event);
    assert.deepEqual(seen.map((e) => [e.event, e.data]), [[undefined, '{"a":1}'], ['x', 'h€llo'], [undefined, 'last']]);
  });

  it('stops reading while events wait for the consumer, and delivers everything once it reads on', async () => {
    const total = 4000;
    let serverBlocked = false;
    const response = await open('/pressure', (res) => {
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          if (!res.write(`data: ${sent++} ${'x'.repeat(1000)}\n\n`)) {
            serverBlocked = true;
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const events = sseEvents(ctx(), response);
    const first = await events.next();
    assert.equal(first.done, false);
    await sleep(100);
    assert.equal(response.body.paused, true, 'the body is paused while events wait');
    assert.equal(serverBlocked, true, 'the server saw backpressure');
    let count = 1;
    for (let next = await events.next(); !next.done; next = await events.next()) count++;
    assert.equal(count, total);
  });

  it('delivers the events that arrived, then fails as a network error when the connection is lost', async () => {
    const response = await open('/lost', (res) => {
      res.write('data: one\n\ndata: two\n\n');
      setTimeout(() => res.destroy(), 20);
    });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of sseEvents(ctx(), response)) seen.push(event.data);
      })(),
      (error: unknown) => error instanceof ProviderCallError && error.info.kind === 'network',
    );
    assert.deepEqual(seen, ['one', 'two']);
  });

  it('releases the connection when the consumer stops early', async () => {
    const response = await open('/early', (res) => {
      const timer = setInterval(() => res.write('data: tick\n\n'), 5);
      res.on('close', () => clearInterval(timer));
    });
    for await (const event of sseEvents(ctx(), response)) {
      assert.equal(event.data, 'tick');
      break;
    }
    assert.equal(response.body.finished, true);
    assert.ok(await server.closedEarly('/early'), 'the server saw the stream closed');
  });
});
