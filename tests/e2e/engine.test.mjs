// End-to-end test of the engine's recovery in real Chromium: if the WebAssembly module ever traps
// (no input should make it, so a test-only hook in web-demo/shared/wasm.js makes the next call
// fail as a trapping module does), the tab shows the error and the next computation runs on a
// fresh instance. Run from the repository root: `node --test tests/e2e/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo, baseUrl, page, pageErrors } from './helpers.mjs';

const { waitForResult } = useDemo('__drplanRetention');

test('a trapped engine is replaced by a fresh instance and the error is shown', { timeout: 120_000 }, async () => {
  await page.goto(baseUrl, { waitUntil: 'load' });
  await page.getByRole('tab', { name: 'Retention' }).click();
  // the tab's first computation, footprint included, is over before the hook is set
  let seq = await waitForResult(0, 'd.error === null && d.footprint !== null && d.footprint !== undefined');
  const now = page.getByTestId('retention-now');
  const before = await now.inputValue();

  // the page imports the package through the engine module (index.html's import map)
  const mapped = await page.evaluate(async () => {
    const pkg = await import('./pkg/drplan_wasm.js');
    return typeof pkg.engineTestHooks?.trapNextCall === 'function';
  });
  assert.ok(mapped, 'the tabs import the package through shared/wasm.js');

  await page.evaluate(async () => (await import('./shared/wasm.js')).engineTestHooks.trapNextCall('applyRetention'));
  await now.fill(before.replace(/T\d\d/, 'T11'));
  seq = await waitForResult(seq, 'd.error !== null');
  const err = await page.evaluate(() => window.__drplanRetention.error);
  assert.equal(err.code, 'engine_trapped');
  assert.match(await page.locator('main').textContent(), /engine_trapped|drplan engine stopped/, 'the error is shown');
  assert.equal(await page.evaluate(async () => (await import('./shared/wasm.js')).engineTestHooks.restarts()), 1);

  // the next computation works, on the fresh instance
  await now.fill(before);
  await waitForResult(seq, 'd.error === null && d.footprint_error === null && d.result !== null');
  assert.ok(await page.getByTestId('retention-errors').isHidden(), 'the error box is gone');
  assert.ok((await page.getByTestId('retention-snapshot').count()) > 0);
  assert.deepEqual(pageErrors, []);
});
