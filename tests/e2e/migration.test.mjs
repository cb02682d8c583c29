// End-to-end test of the demo's "Migration" tab in real Chromium: the ranked paths, their downtime
// and duration must be exactly what `selectMigrationPath` answers in Node (same wasm package) for
// the scenario the page passed. Run from the repository root: `node --test tests/e2e/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useDemo, baseUrl, page, pageErrors, loadCore, shots, root } from './helpers.mjs';
import { presetList, presetScenario } from '../../web-demo/migration/defaults.js';

const { selectMigrationPath } = loadCore();

// The server and Chromium for this file's tests; `waitForResult` and `text` are about this tab.
const { waitForResult, text } = useDemo('__drplanMigration');

/**
 * Recompute the page's last scenario in Node with the same wasm and compare what the page shows:
 * the ranked path ids (in page order, with their `data-rank`), each path's downtime and duration
 * texts, and the excluded paths with their reason codes.
 */
async function assertPageMatchesCore() {
  const { scenario, report: shown, error } = await page.evaluate(() => window.__drplanMigration);
  assert.equal(error, null, 'the scenario is valid');
  const core = selectMigrationPath(scenario);
  assert.deepEqual(shown, core, 'the page ran the same computation as the core in Node');

  const cards = await page.locator('[data-testid^="migration-path-"]').evaluateAll((els) =>
    els.map((e) => ({ id: e.dataset.testid.slice('migration-path-'.length), rank: Number(e.dataset.rank) })));
  assert.deepEqual(cards.map((c) => c.id), core.feasible.map((p) => p.path), 'the feasible paths, in rank order');
  assert.deepEqual(cards.map((c) => c.rank), core.feasible.map((p) => p.rank), 'their data-rank');

  const mismatches = [];
  const expectText = async (testid, want) => {
    const got = await text(testid);
    if (got !== want) mismatches.push(`${testid}: page shows ${JSON.stringify(got)}, core says ${JSON.stringify(want)}`);
  };
  for (const p of core.feasible) {
    await expectText(`migration-downtime-${p.path}`, p.downtime);
    await expectText(`migration-duration-${p.path}`, p.duration);
    await expectText(`migration-cost-${p.path}`, p.cost.total_usd === null ? 'not priced' : `$${p.cost.total_usd.toFixed(2)}`);
  }
  const excluded = await page.locator('[data-testid^="migration-excluded-"]').evaluateAll((els) =>
    els.map((e) => ({ id: e.dataset.testid.slice('migration-excluded-'.length), text: e.textContent })));
  assert.deepEqual(excluded.map((x) => x.id), core.excluded.map((x) => x.path), 'the excluded paths');
  for (const [i, x] of core.excluded.entries()) {
    for (const r of x.reasons) {
      if (!excluded[i].text.includes(r.code) || !excluded[i].text.includes(r.message)) {
        mismatches.push(`migration-excluded-${x.path}: reason ${r.code} missing`);
      }
    }
  }
  assert.deepEqual(mismatches, [], `page and core differ:\n${mismatches.join('\n')}`);
  return core;
}

test('the examples are drplan\'s golden inputs, unchanged', () => {
  for (const { id } of presetList.filter((p) => p.id !== 'default')) {
    const golden = JSON.parse(readFileSync(path.join(root, 'tests/golden/migration', id, 'input.json'), 'utf8'));
    assert.equal(golden.function, 'select_migration_path');
    assert.deepEqual(presetScenario(id), golden.args[0], `example ${id}`);
  }
});

test('the Migration tab shows what the core ranks, updates on input, and shows errors inline', { timeout: 120_000 }, async (t) => {
  await page.goto(baseUrl, { waitUntil: 'load' });
  await page.getByRole('tab', { name: 'Migration' }).click();
  let seq = await waitForResult(0);
  await page.locator('[data-testid^="migration-path-"]').first().waitFor();

  await t.test('default scenario', async () => {
    assert.match(page.url(), /#migration$/);
    const { scenario } = await page.evaluate(() => window.__drplanMigration);
    // The brief's defaults: on-premises MySQL 8.0, 500 GiB, 1 Gbps at 80 %, 1 h of downtime.
    assert.equal(scenario.source.engine, 'mysql');
    assert.match(scenario.source.version, /^8\.0/);
    assert.equal(scenario.source.location, 'on_premises');
    assert.equal(scenario.source.size_gib, 500);
    assert.deepEqual([scenario.network.bandwidth_bps, scenario.network.utilization], ['1 Gbps', 0.8]);
    assert.equal(scenario.constraints.downtime_tolerance_seconds, '1h');
    const core = await assertPageMatchesCore();
    assert.ok(core.feasible.length >= 2, 'several feasible paths');
    assert.equal(await page.getByTestId(`migration-path-${core.recommended}`).getAttribute('data-rank'), '1');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 1440, 'nothing overflows sideways');
    await page.screenshot({ path: path.join(shots, '06-migration.png'), fullPage: true });
  });

  await t.test('the breakdown of a phase', async () => {
    const { report } = await page.evaluate(() => window.__drplanMigration);
    const best = report.feasible[0];
    const copy = best.timeline.find((p) => p.phase === 'copy');
    await page.getByTestId(`migration-path-${best.path}`).locator('[data-phase="copy"]').click();
    const drawer = page.locator('dialog#explain');
    await drawer.waitFor({ state: 'visible' });
    const shown = await drawer.textContent();
    for (const term of copy.terms) {
      assert.ok(shown.includes(term.what), `the drawer lists "${term.what}"`);
      assert.ok(shown.includes(term.formula), `and its formula ${term.formula}`);
    }
    await page.screenshot({ path: path.join(shots, '07-migration-phase.png') });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  await t.test('downtime tolerance changed to "5m": the placeholder cut-over warns with its break-even', async () => {
    await page.getByLabel('Downtime tolerance').fill('5m');
    seq = await waitForResult(seq, 'd.scenario.constraints.downtime_tolerance_seconds === "5m" && d.report');
    const core = await assertPageMatchesCore();
    // The 600 s cut-over is UNCONFIRMED: it may not exclude (migration.md §7.3), only warn.
    assert.ok(core.feasible.length >= 1, 'the replication paths stay feasible');
    const best = core.feasible[0];
    assert.equal(best.kind, 'ongoing');
    const w = best.warnings.find((x) => x.code === 'downtime_depends_on_placeholders');
    assert.deepEqual([w.depends_on, w.break_even, w.break_even_seconds], [['cutover_seconds'], '5 min', 300]);
    assert.match(await text(`migration-break-even-${best.path}`), /^break-even ≤ 5 min$/);
    assert.ok((await text(`migration-warnings-${best.path}`)).includes(w.message), 'the card shows the warning');
    assert.match(await text('migration-headline-break-even'), /feasible if cut-over ≤ 5 min/);
    assert.match(await text('migration-ranking-reason'), new RegExp(`^Why first: ${best.path} ranks above ${core.feasible[1].path}`));
    assert.equal(await text('migration-ranking-reason'), `Why first: ${core.ranking_reason}`);
    // A preference re-orders the same feasible paths: fastest first.
    await page.locator('details.group:has(> summary:text-is("Options"))').evaluate((d) => { d.open = true; });
    await page.getByLabel('Rank by').selectOption('fastest');
    seq = await waitForResult(seq, 'd.scenario.options.prefer === "fastest" && d.report');
    const fastest = await assertPageMatchesCore();
    assert.equal(fastest.preference, 'fastest');
    for (const [a, b] of fastest.feasible.slice(1).map((p, i) => [fastest.feasible[i], p])) {
      assert.ok(a.duration_seconds <= b.duration_seconds + 1e-6, `${a.path} is not slower than ${b.path}`);
    }
    await page.getByLabel('Rank by').selectOption('');
    seq = await waitForResult(seq, 'd.scenario.options?.prefer === undefined && d.report');
  });

  await t.test('data size changed to "20 TiB"', async () => {
    await page.getByLabel('Downtime tolerance').fill('1h');
    seq = await waitForResult(seq, 'd.scenario.constraints.downtime_tolerance_seconds === "1h" && d.report');
    const before = await assertPageMatchesCore();
    await page.getByLabel('Data size').fill('20 TiB');
    seq = await waitForResult(seq, 'd.scenario.source.size_gib === "20 TiB" && d.report');
    const core = await assertPageMatchesCore();
    const p = core.feasible[0];
    assert.notEqual(p.duration, before.feasible.find((x) => x.path === p.path)?.duration, 'the duration followed the size');
    await page.screenshot({ path: path.join(shots, '08-migration-20tib.png'), fullPage: true });
  });

  await t.test('source engine changed to PostgreSQL: an engine change', async () => {
    await page.getByLabel('Data size').fill('500');
    seq = await waitForResult(seq, 'd.scenario.source.size_gib === 500 && d.report');
    await page.locator('#m-step-source').getByLabel('Engine', { exact: true }).selectOption('postgresql');
    seq = await waitForResult(seq, 'd.scenario.source.engine === "postgresql" && d.report');
    const { scenario } = await page.evaluate(() => window.__drplanMigration);
    assert.equal(scenario.source.binlog_format, undefined, 'the MySQL-only setting went with the engine');
    assert.equal(await page.getByLabel('binlog_format').count(), 0);
    assert.equal(await page.getByLabel('wal_level').count(), 1, 'the PostgreSQL setting appeared');
    const core = await assertPageMatchesCore();
    assert.equal(core.engine_change, true);
    assert.ok(core.feasible.every((p) => p.schema_conversion !== null), 'every path includes schema conversion');
    const note = page.locator('[data-input="scenario"][data-path="/schema_conversion"] > .note');
    assert.match(await note.textContent(), /assessment/, 'the missing-assessment warning sits in its group');
  });

  await t.test('an example scenario', async () => {
    await page.getByLabel('Start from an example').selectOption('rds-pg-snapshot');
    seq = await waitForResult(seq, 'd.scenario.source.engine === "postgresql" && d.report');
    const core = await assertPageMatchesCore();
    assert.equal(core.recommended, 'aurora_read_replica', 'the replica wins on margin (golden migration/rds-pg-snapshot)');
    assert.match(await text('migration-ranking-reason'), /aurora_read_replica ranks above rds_snapshot_to_aurora/);
    assert.equal(await page.getByLabel('wal_level').inputValue(), 'logical', 'the form shows the example');
    assert.equal(await page.getByLabel('binlog_format').count(), 0, 'MySQL settings are hidden for PostgreSQL');
  });

  await t.test('a negative size is shown next to its field and in the summary', async () => {
    await page.locator('#m-json-section > summary').click();
    await page.getByRole('button', { name: 'Reset to the example' }).click();
    seq = await waitForResult(seq, 'd.scenario.source.engine === "mysql" && d.error === null');
    const size = page.getByLabel('Data size');
    await size.fill('-5');
    seq = await waitForResult(seq, 'd.error !== null && d.scenario.source.size_gib === -5');
    const error = await page.evaluate(() => window.__drplanMigration.error);
    assert.equal(error.code, 'invalid_input');
    assert.deepEqual(error.issues.map((i) => [i.path, i.code]), [['/source/size_gib', 'out_of_range']]);
    const inline = page.locator('[data-input="scenario"][data-path="/source/size_gib"] > .error');
    await inline.waitFor({ state: 'visible' });
    assert.match(await inline.textContent(), /out_of_range/);
    assert.match(await inline.textContent(), /-5 is negative/);
    assert.equal(await size.getAttribute('aria-invalid'), 'true');
    const summary = page.getByTestId('migration-errors');
    await summary.waitFor({ state: 'visible' });
    assert.match(await summary.textContent(), /invalid_input/);
    assert.match(await summary.textContent(), /\/source\/size_gib/);
    assert.match(await page.locator('#m-steps [data-step="m-step-source"]').getAttribute('class'), /has-error/);
    assert.match(await page.locator('#m-results').getAttribute('class'), /stale/, 'the last results stay, dimmed');
    await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector('#panel-migration .inputs').scrollTop = 0; });
    await page.screenshot({ path: path.join(shots, '09-migration-error.png') });

    await size.fill('500');
    seq = await waitForResult(seq, 'd.error === null');
    assert.ok(await summary.isHidden(), 'the summary goes away once the input is valid');
    assert.ok(await inline.isHidden(), 'so does the inline error');
    await assertPageMatchesCore();
  });

  await t.test('the JSON editor round-trips with the form', async () => {
    const editor = page.getByTestId('migration-json-editor');
    await editor.waitFor({ state: 'visible' });
    const doc = JSON.parse(await editor.inputValue());
    const { scenario } = await page.evaluate(() => window.__drplanMigration);
    assert.deepEqual(doc, scenario, 'the editor holds the form\'s scenario');
    doc.source.size_gib = 750;
    await editor.fill(JSON.stringify(doc, null, 2));
    seq = await waitForResult(seq, 'd.scenario.source.size_gib === 750');
    assert.equal(await page.getByLabel('Data size').inputValue(), '750', 'the form follows the editor');
    await assertPageMatchesCore();
    await editor.fill('{"source": ');
    const jsonError = page.locator('#m-json-error');
    await jsonError.waitFor({ state: 'visible' });
    assert.match(await jsonError.textContent(), /invalid_json/);
  });

  await t.test('narrow screen', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await page.getByRole('button', { name: 'Reset to the example' }).click();
    seq = await waitForResult(seq, 'd.error === null');
    await assertPageMatchesCore();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 420, 'nothing overflows sideways');
    await page.screenshot({ path: path.join(shots, '10-migration-narrow.png'), fullPage: true });
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});
