// End-to-end test of the demo's "Estate" tab in real Chromium: the page's answer must be exactly
// what `evaluateEstate` answers in Node (same wasm package) for the estate the page shows; the
// default estate is the golden `estate/small-org`; the tables show one row per resource with its
// protection; a change of the tag key re-rolls; bad JSON and a bad estate are shown inline.
// Run from the repository root: `node --test tests/e2e/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useDemo, baseUrl, page, pageErrors, loadCore, root } from './helpers.mjs';
import { DEFAULT_ESTATE } from '../../web-demo/estate/defaults.js';

const { evaluateEstate } = loadCore();
const { waitForResult } = useDemo('__drplanEstate');

test('the default estate is drplan\'s golden input, unchanged', () => {
  const golden = JSON.parse(readFileSync(path.join(root, 'tests/golden/estate/small-org/input.json'), 'utf8'));
  assert.equal(golden.function, 'evaluate_estate');
  assert.deepEqual(JSON.parse(DEFAULT_ESTATE), golden.args[0]);
});

test('the Estate tab shows what the core answers, re-rolls by tag and shows errors inline', { timeout: 120_000 }, async (t) => {
  await page.goto(baseUrl, { waitUntil: 'load' });
  await page.getByRole('tab', { name: 'Estate' }).click();
  let seq = await waitForResult(0, 'd.result');

  await t.test('default estate', async () => {
    assert.match(page.url(), /#estate$/);
    const shown = await page.evaluate(() => window.__drplanEstate);
    const core = evaluateEstate(shown.estate, null, shown.options);
    assert.deepEqual(shown.result, core, 'the page ran the same evaluateEstate as the core in Node');
    assert.deepEqual(shown.options, { tag_keys: ['team'] });
    const rows = await page.getByTestId('estate-resource').evaluateAll((els) =>
      els.map((e) => [e.dataset.arn, e.dataset.protected === 'true']));
    assert.deepEqual(rows, core.resources.map((r) => [r.arn, r.protected]));
    assert.equal(Number(await page.getByTestId('estate-totals').getAttribute('data-monthly')), core.totals.monthly_usd);
  });

  await t.test('another tag key', async () => {
    await page.getByTestId('estate-tag').fill('backup');
    seq = await waitForResult(seq, 'd.result && d.options.tag_keys[0] === "backup"');
    const shown = await page.evaluate(() => window.__drplanEstate);
    assert.deepEqual(shown.result.by_tag.map((g) => g.tag_key), ['backup']);
    assert.deepEqual(shown.result.by_tag[0].values.map((v) => v.key), ['(none)', 'daily']);
  });

  await t.test('bad JSON, then a bad estate', async () => {
    await page.getByTestId('estate-json').fill('{"plans": [');
    seq = await waitForResult(seq, 'd.error && d.error.code === "json"');
    assert.equal(await page.getByTestId('estate-error').isVisible(), true);
    await page.getByTestId('estate-json').fill('{"plans": [], "resources": [{"size_gib": 1}]}');
    seq = await waitForResult(seq, 'd.error && d.error.code !== "json"');
    const { error } = await page.evaluate(() => window.__drplanEstate);
    assert.ok(error.issues.some((i) => i.path.startsWith('/resources/0')), JSON.stringify(error));
    assert.match(await page.getByTestId('estate-error').textContent(), /resources\/0/);
  });

  assert.deepEqual(pageErrors, [], 'no uncaught page errors');
});
