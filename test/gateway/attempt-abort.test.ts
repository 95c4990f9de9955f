// The fast path's attempt signal: AbortSignal's semantics where the adapters and undici rely on
// them, checked against a real undici request to a server that never answers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { Pool } from 'undici';
import { AttemptAbort } from '../../gateway/router/attempt-abort.ts';
import { projectRoot } from '../../runtime/paths.ts';

test('abort sets the reason once and calls each listener once; removed and late listeners are not called', () => {
  const signal = new AttemptAbort();
  const calls: string[] = [];
  const removed = () => calls.push('removed');
  signal.addEventListener('abort', () => calls.push('a'));
  signal.addEventListener('abort', removed);
  signal.addEventListener('abort', () => calls.push('b'));
  signal.removeEventListener('abort', removed);
  signal.removeEventListener('abort', () => {}); // unknown listener: no effect
  assert.equal(signal.aborted, false);
  const reason = new Error('attempt timeout');
  signal.abort(reason);
  signal.abort(new Error('second'));
  signal.addEventListener('abort', () => calls.push('late'));
  assert.equal(signal.aborted, true);
  assert.equal(signal.reason, reason);
  assert.deepEqual(calls, ['a', 'b']);
});

test('a listener that throws does not stop the others; its error is then thrown as uncaught, like an EventTarget\'s', () => {
  // In a child process: the test runner would claim the uncaught error for itself.
  const script = [
    `import { AttemptAbort } from ${JSON.stringify(pathToFileURL(path.join(projectRoot, 'gateway/router/attempt-abort.ts')).href)};`,
    'const signal = new AttemptAbort();',
    "signal.addEventListener('abort', () => { throw new Error('listener failed'); });",
    "signal.addEventListener('abort', () => console.log('second listener ran'));",
    "signal.abort('stop');",
    "console.log('abort returned');",
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
  assert.equal(child.stdout, 'second listener ran\nabort returned\n');
  assert.match(child.stderr, /Error: listener failed/);
  assert.notEqual(child.status, 0);
});

test('undici aborts a request in flight with it, and rejects one that is already aborted', async () => {
  const sockets = new Set<Socket>();
  const server = http.createServer(() => {}); // never answers
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    const signal = new AttemptAbort();
    const pending = pool.request({ method: 'POST', path: '/', body: '{}', signal: signal as unknown as AbortSignal });
    setTimeout(() => signal.abort(new Error('attempt timeout')), 50);
    await assert.rejects(pending, (error: Error) => error.message === 'attempt timeout');

    const already = new AttemptAbort();
    already.abort(new Error('client disconnected'));
    await assert.rejects(pool.request({ method: 'POST', path: '/', body: '{}', signal: already as unknown as AbortSignal }), /client disconnected/);
  } finally {
    await pool.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});
