// The compiled gateway keeps what a proxying gateway never needs out of its start-up: Prisma (the
// control plane's client), the Temporal SDK and the o200k tokenizer load on first use from chunks
// of their own. A static import of any of them (a value import of db/client.ts, activities/…)
// would quietly add their memory to every gateway (docs/architecture.md, "What the gateway loads").
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildGatewayBundle } from '../../scripts/build-gateway.ts';

const LAZY_ONLY = /^(@prisma\/|@temporalio\/|gpt-tokenizer)/;
const STATIC_IMPORT = /^(?:import|export)\s[^;]*?\bfrom\s*"([^"]+)";|^import\s*"([^"]+)";/gm;
const DYNAMIC_IMPORT = /\bimport\("([^"]+)"\)/g;

function specifiers(file: string, pattern: RegExp): string[] {
  return [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => (match[1] ?? match[2])!);
}

test('the gateway entry and its static chunks import no Prisma, Temporal or tokenizer package; chunks loaded on demand do', async () => {
  const entry = await buildGatewayBundle();
  const dir = path.dirname(entry);
  const loadedAtStart = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (loadedAtStart.has(file)) return;
    loadedAtStart.add(file);
    for (const specifier of specifiers(file, STATIC_IMPORT)) {
      if (specifier.startsWith('./')) visit(path.join(dir, specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  assert.ok(packages.has('pg') && packages.has('express'), `the parse found the hot path's own imports: ${[...packages].join(', ')}`);
  // undici's index would also load fetch, WebSocket, EventSource and the mock agents (~3 MB of heap).
  assert.ok(packages.has('undici/lib/dispatcher/pool.js') && !packages.has('undici'), `undici is loaded as its Pool module alone: ${[...packages].join(', ')}`);
  assert.deepEqual([...packages].filter((name) => LAZY_ONLY.test(name)), [], 'packages loaded at start that only the control plane or durable work need');

  const onDemand = new Set<string>();
  for (const file of loadedAtStart) {
    for (const specifier of specifiers(file, DYNAMIC_IMPORT)) {
      if (!specifier.startsWith('./')) onDemand.add(specifier);
      else for (const name of specifiers(path.join(dir, specifier), STATIC_IMPORT)) onDemand.add(name);
    }
  }
  for (const name of ['@prisma/adapter-pg', '@temporalio/client', '@temporalio/worker', 'gpt-tokenizer/encoding/o200k_base']) {
    assert.ok(onDemand.has(name), `${name} is still reachable, on demand (found: ${[...onDemand].join(', ')})`);
  }
});

test('a rebuild removes chunks an older build left behind only once they are a day old', async () => {
  const entry = await buildGatewayBundle();
  const dir = path.dirname(entry);
  const old = path.join(dir, 'gateway-OLDCHUNK1.mjs');
  const recent = path.join(dir, 'gateway-OLDCHUNK2.mjs');
  for (const file of [old, recent, `${old}.map`]) writeFileSync(file, 'export {};\n');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);
  utimesSync(`${old}.map`, twoDaysAgo, twoDaysAgo);
  try {
    await buildGatewayBundle();
    assert.equal(existsSync(old), false, 'a day-old chunk no build wrote is removed');
    assert.equal(existsSync(`${old}.map`), false, 'with its source map');
    assert.equal(existsSync(recent), true, 'a recent one stays: a gateway of that build may still load it');
    for (const name of readdirSync(dir)) assert.doesNotMatch(name, /\.tmp$/, 'no temporary file is left');
  } finally {
    rmSync(recent, { force: true });
    rmSync(old, { force: true });
    rmSync(`${old}.map`, { force: true });
  }
});
