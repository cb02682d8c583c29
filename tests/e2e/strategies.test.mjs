// End-to-end test of the demo's "Strategies" tab in real Chromium (Debian's, driven by
// playwright-core): the page must show exactly what the drplan core answers for the same input,
// computed here in Node from the same wasm package. Run from the repository root: `node --test tests/e2e/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { useDemo, baseUrl, page, pageErrors, loadCore, shots } from './helpers.mjs';

const DISRUPTIONS = ['az', 'region', 'corruption', 'account_compromise'];
const { assessStrategies, recoveryRunbook } = loadCore();

// The server and Chromium for this file's tests; `waitForResult` and `text` are about this tab.
const { waitForResult, text } = useDemo('__drplan');

/**
 * Recompute the page's last input in Node with the same wasm and compare every figure the page
 * shows (RTO/RPO cells, costs, compliance, recommendation) with the core's answer.
 */
async function assertPageMatchesCore() {
  const { workload, policy, assessment: shown } = await page.evaluate(() => window.__drplan);
  assert.ok(shown, 'the page has an assessment');
  const core = assessStrategies(workload, policy);
  assert.deepEqual(shown, core, 'the page ran the same computation as the core in Node');

  const mismatches = [];
  const expectText = async (testid, want) => {
    const got = await text(testid);
    if (got !== want) mismatches.push(`${testid}: page shows ${JSON.stringify(got)}, core says ${JSON.stringify(want)}`);
  };
  assert.equal(await page.locator('[data-testid^="strategy-"]').count(), core.strategies.length, 'one card per strategy');
  for (const s of core.strategies) {
    const compliant = await page.getByTestId(`strategy-${s.strategy}`).getAttribute('data-compliant');
    if (compliant !== String(s.compliant)) mismatches.push(`strategy-${s.strategy}: compliant ${compliant} vs ${s.compliant}`);
    await expectText(`cost-${s.strategy}`, `$${s.monthly_cost.total_usd.toFixed(2)}`);
    for (const d of DISRUPTIONS) {
      const e = s.estimates.find((x) => x.disruption === d);
      await expectText(`rto-${s.strategy}-${d}`, e.rto);
      await expectText(`rpo-${s.strategy}-${d}`, e.rpo);
    }
  }
  await expectText('recommendation', core.recommendation);
  assert.deepEqual(mismatches, [], `page and core differ:\n${mismatches.join('\n')}`);
  return core;
}

test('the demo shows what the core computes, updates on input, and shows errors inline', { timeout: 120_000 }, async (t) => {
  await page.goto(baseUrl, { waitUntil: 'load' });
  let seq = await waitForResult(0);
  await page.getByTestId('strategy-pilot_light').waitFor();

  await t.test('default workload', async () => {
    const core = await assertPageMatchesCore();
    // The brief's example: pilot light is the cheapest compliant strategy at $264.72/month (standby instance, the Aurora Global Database secondary cluster volume, replication, and its backups billed from the simulated plan).
    assert.equal(core.cheapest_compliant, 'pilot_light');
    assert.equal(await text('cost-pilot_light'), '$264.72');
    assert.equal(await text('rto-pilot_light-region'), '52 min');
    await page.screenshot({ path: path.join(shots, '01-default.png'), fullPage: true });
  });

  await t.test('the breakdown of a figure', async () => {
    await page.getByTestId('rto-pilot_light-region').click();
    const drawer = page.locator('dialog#explain');
    await drawer.waitFor({ state: 'visible' });
    assert.match(await drawer.textContent(), /notify & escalate/);
    assert.match(await drawer.textContent(), /dr-strategies\.md §5\.1/);
    await page.screenshot({ path: path.join(shots, '02-breakdown.png') });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  await t.test('database size changed to "2 TiB"', async () => {
    const before = await text('cost-pilot_light');
    await page.getByLabel('Size').first().fill('2 TiB');
    seq = await waitForResult(seq, 'd.workload.components[0].size_gib === "2 TiB" && d.assessment');
    await assertPageMatchesCore();
    assert.notEqual(await text('cost-pilot_light'), before, 'the cost followed the size');
  });

  await t.test('region RPO target changed to "10m": nothing complies', async () => {
    await page.getByLabel('Region loss RPO target').fill('10m');
    seq = await waitForResult(seq, 'd.policy.targets.region.rpo_seconds === "10m" && d.assessment');
    const core = await assertPageMatchesCore();
    assert.equal(core.cheapest_compliant, null);
    assert.equal(await page.locator('[data-compliant="true"]').count(), 0);
    await page.getByLabel('Disruption', { exact: true }).selectOption('corruption');
    await page.screenshot({ path: path.join(shots, '03-changed.png'), fullPage: true });
  });

  await t.test('bad values are shown next to their field and in the summary', async () => {
    const size = page.getByLabel('Size').first();
    await size.fill('abc');
    seq = await waitForResult(seq, 'd.error !== null');
    const error = await page.evaluate(() => window.__drplan.error);
    assert.equal(error.code, 'invalid_input');
    const issue = error.issues[0];
    assert.equal(issue.path, '/components/0/size_gib');
    assert.equal(issue.code, 'invalid_value');
    const inline = page.locator('[data-input="workload"][data-path="/components/0/size_gib"] > .error');
    await inline.waitFor({ state: 'visible' });
    assert.match(await inline.textContent(), /invalid_value/);
    assert.match(await inline.textContent(), /cannot read a number in "abc"/);
    assert.equal(await size.getAttribute('aria-invalid'), 'true');
    const summary = page.getByTestId('errors');
    await summary.waitFor({ state: 'visible' });
    assert.match(await summary.textContent(), /invalid_input/);
    assert.match(await summary.textContent(), /\/components\/0\/size_gib/);
    await page.screenshot({ path: path.join(shots, '04-error-abc.png'), fullPage: true });

    await size.fill('-5');
    seq = await waitForResult(seq, 'd.error !== null && d.workload.components[0].size_gib === -5');
    assert.match(await inline.textContent(), /out_of_range/);
    assert.match(await inline.textContent(), /-5 is negative/);

    await size.fill('200');
    seq = await waitForResult(seq, 'd.error === null');
    assert.ok(await summary.isHidden(), 'the summary goes away once the input is valid');
    assert.ok(await inline.isHidden(), 'so does the inline error');
    await assertPageMatchesCore();
  });

  await t.test('the JSON editor round-trips with the form', async () => {
    await page.locator('#json-section > summary').click();
    const editor = page.getByTestId('json-editor');
    const doc = JSON.parse(await editor.inputValue());
    const { workload, policy } = await page.evaluate(() => window.__drplan);
    assert.deepEqual(doc, { workload, policy }, 'the editor holds the form\'s input');
    doc.workload.components[1].instance_count = 8;
    await editor.fill(JSON.stringify(doc, null, 2));
    seq = await waitForResult(seq, 'd.workload.components[1].instance_count === 8');
    assert.equal(await page.getByLabel('Instances').first().inputValue(), '8', 'the form follows the editor');
    await assertPageMatchesCore();
    await editor.fill('{"workload": ');
    const jsonError = page.locator('#json-error');
    await jsonError.waitFor({ state: 'visible' });
    assert.match(await jsonError.textContent(), /invalid_json/);
  });

  await t.test('narrow screen', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await page.getByRole('button', { name: 'Reset to the example' }).click();
    seq = await waitForResult(seq, 'd.error === null');
    await page.screenshot({ path: path.join(shots, '05-narrow.png'), fullPage: true });
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});

/** The Region estimate of strategy `name` in an assessment. */
const regionOf = (a, name) => a.strategies.find((s) => s.strategy === name).estimates.find((e) => e.disruption === 'region');

test('how each strategy is assessed: binding component and lever, automation, cost lines, what-ifs kept in the link', { timeout: 150_000 }, async (t) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('about:blank');
  await page.goto(`${baseUrl}#strategies`, { waitUntil: 'load' });
  let seq = await waitForResult(0, 'd.assessment');
  await page.getByTestId('detail-pilot_light').waitFor();
  const { assessment } = await page.evaluate(() => window.__drplan);

  await t.test('the binding component and lever of every figure', async () => {
    const mismatches = [];
    for (const s of assessment.strategies) {
      await page.getByTestId(`detail-${s.strategy}`).evaluate((d) => { d.open = true; });
      for (const e of s.estimates) {
        for (const metric of ['rto', 'rpo']) {
          const b = e.binding?.[metric];
          const id = `binding-${s.strategy}-${e.disruption}-${metric}`;
          const rows = await page.getByTestId(id).count();
          if (!b) {
            if (rows) mismatches.push(`${id}: shown, but the core attributes nothing`);
            continue;
          }
          // A figure set by people time has no component: none is shown.
          const component = b.component === null
            ? (await page.getByTestId(`${id}-component`).count() ? 'shown' : null)
            : await text(`${id}-component`);
          const lever = await text(`${id}-lever`);
          if (component !== b.component) mismatches.push(`${id}: component ${component} vs ${b.component}`);
          if (lever !== b.lever) mismatches.push(`${id}: lever ${lever} vs ${b.lever}`);
        }
      }
    }
    assert.deepEqual(mismatches, []);
    // The figure the recommendation must explain: pilot light's Region RPO (15 min) is set by the
    // bucket's S3 replication with RTC, not by the database (Aurora Global Database, about 1 s).
    assert.equal(await text('binding-pilot_light-region-rpo-component'), 'assets');
    assert.match(await text('binding-pilot_light-region-rpo-lever'), /Replication Time Control's 15 min/);
    assert.match(await page.getByTestId('binding-pilot_light-region-rpo').textContent(), /next `orders` at 1 s/);
    // Backup & restore's Region RTO is mostly people time, and its lever is to automate them.
    assert.equal(await page.getByTestId('binding-backup_restore-region-rto-component').count(), 0);
    assert.match(await text('binding-backup_restore-region-rto-lever'), /^automate escalation, declaration and validation/);
    // Backup & restore's Region RPO is the database restored from copied backups.
    assert.equal(await text('binding-backup_restore-region-rpo-component'), 'orders');
    assert.match(await text('binding-backup_restore-region-rpo-lever'), /aurora_global_database/);
  });

  await t.test('what automation buys, and the cost lines', async () => {
    assert.equal(await text('automation-manual-pilot_light-region'), '52 min');
    assert.equal(await text('automation-automated-pilot_light-region'), '7 min');
    assert.equal(await text('automation-mode-warm_standby-declaration'), 'declaration automated');
    assert.equal(await text('automation-mode-pilot_light-declaration'), 'declaration manual');
    const lines = page.getByTestId('cost-lines-pilot_light').locator('tbody tr');
    const s = assessment.strategies.find((x) => x.strategy === 'pilot_light');
    assert.equal(await lines.count(), s.monthly_cost.items.length);
    const i = s.monthly_cost.items.findIndex((it) => it.item === 'Aurora Global Database secondary cluster volume');
    assert.ok(i >= 0, 'the recovery-site cluster volume is a line');
    const cells = await page.getByTestId(`cost-line-pilot_light-${i}`).evaluate((tr) => [...tr.cells].map((c) => c.textContent.trim()));
    assert.deepEqual(cells, ['Aurora Global Database secondary cluster volumeorders', '200 GB-month × $0.1', 'aurora.storage_gb_month', '$20.00']);
    await page.getByTestId('detail-pilot_light').screenshot({ path: path.join(shots, '06-how-assessed.png') });
  });

  await t.test('a strategy’s runbook downloads as the Markdown the core writes', async () => {
    const { workload } = await page.evaluate(() => window.__drplan);
    await page.getByTestId('detail-pilot_light').evaluate((d) => { d.open = true; });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-runbook-pilot_light-region').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'drplan-runbook-pilot_light-region.md');
    const got = readFileSync(await download.path(), 'utf8');
    assert.equal(got, recoveryRunbook(workload, 'pilot_light', 'region').markdown);
    assert.match(got, /^# Runbook: Region loss — Pilot light\n/);
    // Multi-AZ only does not cover a Region loss: no runbook is offered for it.
    assert.equal(await page.getByTestId('download-runbook-multi_az_only-region').count(), 0);
    assert.equal(await page.getByTestId('download-runbook-multi_az_only-az').count(), 1);
  });

  await t.test('automation set in the form: every step automated', async () => {
    for (const step of ['Escalation', 'Declaration', 'Validation']) {
      await page.getByLabel(step, { exact: true }).selectOption('automated');
    }
    seq = await waitForResult(seq, 'd.workload.operations.automation?.validation === "automated" && d.assessment');
    const { workload, assessment: a } = await page.evaluate(() => window.__drplan);
    assert.deepEqual(workload.operations.automation, { escalation: 'automated', declaration: 'automated', validation: 'automated' });
    assert.deepEqual(a, assessStrategies(workload, (await page.evaluate(() => window.__drplan.policy))));
    // Pilot light's Region RTO is now what the manual assessment said automation would give.
    assert.equal(regionOf(a, 'pilot_light').rto_seconds, regionOf(assessment, 'pilot_light').automation.rto_seconds_automated);
    assert.equal(await text('rto-pilot_light-region'), '7 min');
    assert.equal(await text('automation-mode-pilot_light-declaration'), 'declaration automated');
  });

  await t.test('a mechanism added to a component: a what-if on top of every preset', async () => {
    // Backup & restore's lever for its Region RPO is to replicate the database: follow it.
    assert.equal(await text('binding-backup_restore-region-rpo-component'), 'orders');
    await page.locator('[data-path="/components/0/mechanisms"]').getByLabel('Aurora Global Database', { exact: true }).check();
    seq = await waitForResult(seq, 'd.workload.components[0].mechanisms?.includes("aurora_global_database") && d.assessment');
    const { workload, policy, assessment: a } = await page.evaluate(() => window.__drplan);
    assert.deepEqual(a, assessStrategies(workload, policy));
    const br = a.strategies.find((s) => s.strategy === 'backup_restore');
    assert.ok(br.mechanisms.find((m) => m.component === 'orders').from_input.includes('aurora_global_database'));
    assert.equal(await page.getByTestId('mechanisms-backup_restore-orders').locator('.mech.mine').textContent(), 'Aurora Global Database');
    // The database now replicates in about a second: the bucket's 15 min RTC bound sets the RPO.
    assert.equal(regionOf(a, 'backup_restore').rpo_seconds, 900);
    assert.equal(await text('rpo-backup_restore-region'), '15 min');
    assert.equal(await text('binding-backup_restore-region-rpo-component'), 'assets');
  });

  await t.test('the what-ifs are kept in the link', async () => {
    // The fragment is written a moment after each computation: wait until it holds the last inputs.
    const linked = () => page.evaluate(async () => {
      const { parseFragment, decodeInputs } = await import(new URL('shared/link.js', location.href).href);
      const { tab, data } = parseFragment(location.hash);
      if (tab !== 'strategies' || !data) return false;
      return JSON.stringify((await decodeInputs(data)).workload) === JSON.stringify(window.__drplan.workload);
    });
    for (let i = 0; !(await linked()); i++) {
      assert.ok(i < 150, 'the link holds the last inputs');
      await page.waitForTimeout(100);
    }
    const want = await page.evaluate(() => window.__drplan.workload);
    await page.reload({ waitUntil: 'load' });
    await waitForResult(0, 'd.assessment');
    const got = await page.evaluate(() => window.__drplan.workload);
    assert.deepEqual(got.operations.automation, want.operations.automation);
    assert.deepEqual(got.components[0].mechanisms, ['aurora_global_database']);
    assert.equal(await page.getByLabel('Declaration', { exact: true }).inputValue(), 'automated');
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});
