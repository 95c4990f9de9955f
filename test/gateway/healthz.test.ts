// GET /healthz on the real stack: every component of the embedded default is up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HealthReport, LivenessReport } from '../../core/health.ts';
import { harnessStack } from '../helpers/stack.ts';

test('/healthz reports each component up, with versions and links', async () => {
  const stack = harnessStack();
  const response = await fetch(`${stack.gatewayUrl}/healthz`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const report = HealthReport.parse(await response.json());
  assert.equal(report.status, 'ok');
  assert.equal(report.mode, 'embedded');
  for (const name of ['database', 'temporal', 'worker', 'gateway', 'simulator'] as const) {
    assert.equal(report.components[name]?.status, 'up', `${name}: ${JSON.stringify(report.components[name])}`);
  }
  assert.match(report.components.database?.version ?? '', /^PostgreSQL \d+/);
  assert.match(report.components.temporal?.version ?? '', /^server \d+\.\d+/);
  assert.equal(report.links.temporalWeb, stack.temporalWebUrl);
  assert.equal(report.links.simulator, stack.simulatorUrl);
});

test('/livez answers for the gateway process alone, with its request-log queue', async () => {
  const response = await fetch(`${harnessStack().gatewayUrl}/livez`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const report = LivenessReport.parse(await response.json());
  assert.equal(report.gateway.status, 'up');
  assert.match(report.gateway.detail ?? '', /request log: \d+ queued, \d+ written, \d+ dropped, \d+ rejected/);
});

test('Temporal Web is reachable', async () => {
  const response = await fetch(harnessStack().temporalWebUrl);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /<html/i);
});

test('unknown routes get the JSON error envelope', async () => {
  const response = await fetch(`${harnessStack().gatewayUrl}/api/v1/nothing-here`);
  assert.equal(response.status, 404);
  const body = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'not_found');
  assert.match(body.error.message, /nothing-here/);
});
