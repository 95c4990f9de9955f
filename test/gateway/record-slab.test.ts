// The request log's off-heap record store: bytes must round-trip exactly, whatever the characters
// and wherever a slab ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordSlab } from '../../gateway/request-log/record-slab.ts';

const record = (i: number, text: string) => JSON.stringify({ id: `req_${i}`, text, n: i });

test('records of every size and script round-trip through slabs', () => {
  const slab = new RecordSlab();
  const texts = ['plain', 'héllo → wörld', '😀 emoji and 中文', '"quotes" and \\ backslashes\n', 'x'.repeat(5_000), 'y'.repeat(100_000)];
  const expected: unknown[] = [];
  const written: Buffer[] = [];
  // Enough records to fill several 256 KB slabs, so some records start a new one.
  for (let i = 0; i < 600; i++) {
    const text = record(i, texts[i % texts.length]!);
    expected.push(JSON.parse(text));
    written.push(slab.write(text));
  }
  for (const [i, bytes] of written.entries()) assert.deepEqual(JSON.parse(bytes.toString('utf8')), expected[i], `record ${i}`);
  assert.deepEqual(JSON.parse(`[${written.map((bytes) => bytes.toString('utf8')).join(',')}]`), expected);
});

test('a record is never overwritten by the ones written after it', () => {
  const slab = new RecordSlab();
  const first = slab.write(record(0, 'first'));
  const copy = Buffer.from(first);
  for (let i = 1; i < 2_000; i++) slab.write(record(i, 'z'.repeat(i % 300)));
  assert.ok(first.equals(copy));
});
