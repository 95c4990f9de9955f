// A/B specs and the variant choice (pure): weights, stickiness by hash, save-time errors, and the
// experiment intervals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalog } from '../../core/catalog.ts';
import { chooseVariant, type AbSpec } from '../../core/strategies/ab.ts';
import { meanInterval, wilsonInterval } from '../../core/experiment-stats.ts';
import { validateSpec } from '../../core/strategy.ts';

const spec = (json: unknown): AbSpec => {
  const result = validateSpec(json, defaultCatalog);
  assert.ok(result.ok && result.spec.strategy === 'ab', JSON.stringify(!result.ok && result.errors));
  return result.spec as AbSpec;
};
const errors = (json: unknown) => {
  const result = validateSpec(json, defaultCatalog);
  assert.ok(!result.ok);
  return result.errors.map((e) => `${e.path}: ${e.message}`);
};

test('a random split follows the weights', () => {
  const split = spec({ strategy: 'ab', variants: [{ config: '@production', weight: 90 }, { config: '@cheap', weight: 10 }] });
  assert.equal(split.sticky_by, 'none');
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const counts = [0, 0];
  for (let i = 0; i < 10_000; i++) counts[chooseVariant(split, 'cfg', undefined, random).index]!++;
  assert.ok(counts[1]! > 900 && counts[1]! < 1100, `about 10% on the second variant, got ${counts[1]}`);
  assert.match(chooseVariant(split, 'cfg', undefined, () => 0.95).reason, /^random draw 0\.9500 falls in variant 2 \(10%\)/);
});

test('a sticky key always lands on the same variant, and keys spread by the weights', () => {
  const split = spec({ strategy: 'ab', variants: [{ config: '@a', weight: 1 }, { config: '@b', weight: 1 }, { config: 'gpt-4o-mini', weight: 2 }], sticky_by: 'user' });
  const never = () => { throw new Error('a sticky choice draws nothing'); };
  const first = chooseVariant(split, 'cfg-1', 'alice', never).index;
  for (let i = 0; i < 20; i++) assert.equal(chooseVariant(split, 'cfg-1', 'alice', never).index, first);
  const counts = [0, 0, 0];
  for (let i = 0; i < 4_000; i++) counts[chooseVariant(split, 'cfg-1', `user-${i}`, never).index]!++;
  assert.ok(counts[2]! > 1850 && counts[2]! < 2150, `half the users on the weight-2 variant, got ${counts}`);
  // Another experiment (salt) splits the same users independently.
  let same = 0;
  for (let i = 0; i < 1_000; i++) if (chooseVariant(split, 'cfg-1', `user-${i}`, never).index === chooseVariant(split, 'cfg-2', `user-${i}`, never).index) same++;
  assert.ok(same < 600, `independent splits, ${same} of 1000 the same`);
  assert.match(chooseVariant(split, 'cfg-1', 'alice', never).reason, /^sticky by user: its bucket/);
});

test('keys that differ only in their last characters still spread over both halves, for any experiment', () => {
  const split = spec({ strategy: 'ab', variants: [{ config: '@a', weight: 1 }, { config: '@b', weight: 1 }], sticky_by: 'user' });
  const never = () => { throw new Error('a sticky choice draws nothing'); };
  // Plain FNV-1a put all 30 sequential users on one variant for about one config id in six.
  for (let salt = 0; salt < 200; salt++) {
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) seen.add(chooseVariant(split, `00000000-0000-4000-8000-${String(salt).padStart(12, '0')}`, `user-${i}`, never).index);
    assert.equal(seen.size, 2, `salt ${salt}: 30 users all on one variant`);
  }
});

test('a zero-weight variant never serves', () => {
  const split = spec({ strategy: 'ab', variants: [{ config: '@a', weight: 0 }, { config: '@b', weight: 5 }] });
  for (const point of [0, 0.3, 0.999]) assert.equal(chooseVariant(split, 'c', undefined, () => point).index, 1);
});

test('bad A/B specs are refused with the field', () => {
  assert.deepEqual(errors({ strategy: 'ab', variants: [{ config: '@a', weight: 0 }, { config: '@b', weight: 0 }] }), ['variants: the weights must sum to something positive']);
  assert.match(errors({ strategy: 'ab', variants: [{ config: '@a', weight: -1 }, { config: '@b', weight: 1 }] })[0]!, /^variants\[0\]\.weight: must not be negative/);
  assert.match(errors({ strategy: 'ab', variants: [{ config: '@a', weight: 1 }, { config: '@a', weight: 1 }] })[0]!, /^variants\[1\]\.config: "@a" is listed twice/);
  assert.match(errors({ strategy: 'ab', variants: [{ config: '@A!', weight: 1 }, { config: '@b', weight: 1 }] })[0]!, /^variants\[0\]\.config: /);
  assert.match(errors({ strategy: 'ab', variants: [{ config: 'gpt-9', weight: 1 }, { config: '@b', weight: 1 }] })[0]!, /^variants\[0\]\.config: unknown model "gpt-9"/);
  assert.match(errors({ strategy: 'ab', variants: [{ config: '@a', weight: 1 }] })[0]!, /^variants: needs at least two variants/);
  assert.match(errors({ strategy: 'ab', variants: [{ config: '@a', weight: 1 }, { config: '@b', weight: 1 }], sticky_by: 'ip' })[0]!, /^sticky_by: /);
});

test('experiment intervals: Wilson for rates, normal for means', () => {
  const rate = wilsonInterval(90, 100)!;
  assert.ok(Math.abs(rate.low - 0.8256) < 0.001 && Math.abs(rate.high - 0.9448) < 0.001, JSON.stringify(rate));
  assert.deepEqual(wilsonInterval(0, 0), undefined);
  assert.ok(wilsonInterval(0, 10)!.low === 0 && wilsonInterval(0, 10)!.high > 0.2);
  const mean = meanInterval(0.5, 0.5, 100)!;
  assert.ok(Math.abs(mean.low - 0.402) < 0.001 && Math.abs(mean.high - 0.598) < 0.001);
  assert.equal(meanInterval(1, 0, 1), undefined);
});
