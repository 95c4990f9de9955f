// The request log's off-heap record store and the batch it becomes: bytes must round-trip exactly,
// whatever the characters and wherever a slab ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordSlab } from '../../gateway/request-log/record-slab.ts';
import { jsonArray } from '../../gateway/request-log/log-writer.ts';

const record = (i: number, text: string) => JSON.stringify({ id: `req_${i}`, text, n: i });

test('records of every size and script round-trip through slabs into one JSON array', () => {
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
  assert.deepEqual(JSON.parse(jsonArray(written).toString('utf8')), expected);
});

test('a record is never overwritten by the ones written after it', () => {
  const slab = new RecordSlab();
  const first = slab.write(record(0, 'first'));
  const copy = Buffer.from(first);
  for (let i = 1; i < 2_000; i++) slab.write(record(i, 'z'.repeat(i % 300)));
  assert.ok(first.equals(copy));
});

test('jsonArray of no records is an empty array, of one is that record', () => {
  assert.equal(jsonArray([]).toString(), '[]');
  assert.equal(jsonArray([Buffer.from('{"a":1}')]).toString(), '[{"a":1}]');
  assert.equal(jsonArray([Buffer.from('1'), Buffer.from('2'), Buffer.from('3')]).toString(), '[1,2,3]');
});
