// Test stacks pick all their ports before any process binds one: they must be distinct.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePorts, isPortFree } from '../../runtime/ports.ts';

test('freePorts hands out distinct ports, all free again once it returns', async () => {
  for (let round = 0; round < 20; round++) {
    const ports = await freePorts(5);
    assert.equal(new Set(ports).size, 5, `distinct: ${ports.join(', ')}`);
    for (const port of ports) assert.ok(port > 0 && (await isPortFree(port)), `port ${port} is free`);
  }
});
