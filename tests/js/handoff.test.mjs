// The demo's hand-off from a strategy to the Backup plan tab (web-demo/strategies/handoff.js): a
// resource's change rate, in any form the core accepts, as the simulation form's "% per day".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changePercent } from '../../web-demo/strategies/handoff.js';

test('a change rate becomes percent changed per day', () => {
  assert.equal(changePercent('5 GiB', 200), 2.5, 'GiB a day over the size');
  assert.equal(changePercent('5 GiB/day', 200), 2.5);
  assert.equal(changePercent('1 TiB', 2048), 50);
  assert.ok(Math.abs(changePercent('10 GB', 100) - 9.313225746154785) < 1e-12, 'GB are 10^9 bytes');
  assert.equal(changePercent('2%', 500), 2);
  assert.equal(changePercent(0.03, 500), 3, 'a fraction');
  assert.equal(changePercent('5 GiB', 0), null, 'no size: no percentage');
  assert.equal(changePercent('lots', 100), null);
  assert.equal(changePercent(null, 100), null);
});
