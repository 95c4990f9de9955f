import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseEventTooLargeError, SseParser } from '../../providers/http/sse-parser.ts';
import type { SseEvent } from '../../providers/http/sse-parser.ts';

function parseInChunks(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.finish()];
}

/** Every way of cutting `text` into two chunks must give the same events as the whole. */
function assertSplitInvariant(text: string, expected: SseEvent[]): void {
  for (let i = 0; i <= text.length; i++) {
    assert.deepEqual(parseInChunks([text.slice(0, i), text.slice(i)]), expected, `split at ${i}`);
  }
}

describe('SseParser', () => {
  it('parses data and named events', () => {
    const text = 'event: message_start\ndata: {"a":1}\n\ndata: [DONE]\n\n';
    assert.deepEqual(parseInChunks([text]), [{ event: 'message_start', data: '{"a":1}' }, { data: '[DONE]' }]);
  });

  it('is robust to every chunk boundary, including inside \\r\\n', () => {
    const text = 'event: ping\r\ndata: {"x":"y"}\r\n\r\ndata: second\r\n\r\n';
    assertSplitInvariant(text, [{ event: 'ping', data: '{"x":"y"}' }, { data: 'second' }]);
  });

  it('accepts lone \\r line ends, comments, multi-line data and a leading BOM', () => {
    const text = '\uFEFF: keep-alive\rdata: line one\rdata: line two\r\rid: 7\ndata:no-space\n\n';
    assertSplitInvariant(text, [{ data: 'line one\nline two' }, { data: 'no-space', id: '7' }]);
  });

  it('mixes \n, \r\n and \r line ends inside one chunk (the next \r is searched for once, then reused)', () => {
    const text = 'data: a\n\ndata: b\n\ndata: c\r\n\r\ndata: d\n\ndata: e\r\rdata: f\n\n';
    const expected = ['a', 'b', 'c', 'd', 'e', 'f'].map((data) => ({ data }));
    assert.deepEqual(parseInChunks([text]), expected);
    assertSplitInvariant(text, expected);
  });

  it('feeds one character at a time', () => {
    const text = 'event: a\ndata: 1\n\nevent: b\r\ndata: 2\r\n\r\n';
    assert.deepEqual(parseInChunks([...text]), [
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('ignores events without data and unknown fields', () => {
    assert.deepEqual(parseInChunks(['event: nothing\n\nretry: 100\nfoo: bar\ndata: x\n\n']), [{ data: 'x' }]);
  });

  it('delivers a final event that lacks its blank line', () => {
    assert.deepEqual(parseInChunks(['data: {"last":true}']), [{ data: '{"last":true}' }]);
  });

  it('refuses an event larger than its limit', () => {
    const parser = new SseParser(100);
    assert.throws(() => parser.push(`data: ${'x'.repeat(200)}`), SseEventTooLargeError);
  });
});
