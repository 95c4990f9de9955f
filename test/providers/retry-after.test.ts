import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDurationMs, retryAfterMsFromHeaders } from '../../providers/http/retry-after.ts';

describe('retry-after parsing', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('prefers retry-after-ms', () => {
    assert.equal(retryAfterMsFromHeaders({ 'retry-after-ms': '1500', 'retry-after': '2' }, now), 1500);
    assert.equal(retryAfterMsFromHeaders({ 'retry-after-ms': '20.6' }, now), 21);
  });

  it('reads retry-after in seconds (integer or decimal)', () => {
    assert.equal(retryAfterMsFromHeaders({ 'retry-after': '7' }, now), 7000);
    assert.equal(retryAfterMsFromHeaders({ 'retry-after': ' 0.5 ' }, now), 500);
  });

  it('reads retry-after as an HTTP date, never negative', () => {
    assert.equal(retryAfterMsFromHeaders({ 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }, now), 30_000);
    assert.equal(retryAfterMsFromHeaders({ 'retry-after': 'Sun, 01 Jun 2025 11:00:00 GMT' }, now), 0);
  });

  it('ignores absent or garbage values', () => {
    assert.equal(retryAfterMsFromHeaders({}, now), undefined);
    assert.equal(retryAfterMsFromHeaders({ 'retry-after': 'soon' }, now), undefined);
    assert.equal(retryAfterMsFromHeaders({ 'retry-after-ms': '-5' }, now), undefined);
    assert.equal(retryAfterMsFromHeaders({ 'retry-after': ['3', '9'] }, now), 3000);
  });

  it('parses Google RetryInfo durations', () => {
    assert.equal(parseDurationMs('7s'), 7000);
    assert.equal(parseDurationMs('0.250s'), 250);
    assert.equal(parseDurationMs('1.5s'), 1500);
    assert.equal(parseDurationMs('7'), undefined);
    assert.equal(parseDurationMs(undefined), undefined);
  });
});
