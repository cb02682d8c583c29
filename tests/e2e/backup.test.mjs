// End-to-end test of the demo's "Backup plan" tab in real Chromium: the findings, the detected
// shape, the rules and their next runs must be exactly what `lintBackupPlan`, `scheduleRuns` and
// `cronSummary` answer in Node (same wasm package) for the document and the "now" the page used;
// clicking a finding must select its text in the editor; the recovery points, RPO and monthly bill
// must be what `simulateBackupPlan` and `backupCost` answer for the form's resource. Run from the repository root:
// `node --test tests/e2e/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useDemo, baseUrl, page, pageErrors, loadCore, shots, root } from './helpers.mjs';
import { DEFAULT_DOCUMENT, presetList, presetDocument } from '../../web-demo/backup/defaults.js';
import { locate, indexDocument, guessFormat } from '../../web-demo/backup/locate.js';
import { getAt } from '../../web-demo/shared/pointer.js';

const { lintBackupPlan, scheduleRuns, cronSummary, exportBackupPlan, simulateBackupPlan, backupCost, assessStrategies, simulateRestoreTesting } = loadCore();
const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';

// The server and Chromium for this file's tests; `waitForResult` is about this tab.
const { waitForResult } = useDemo('__drplanBackup');

const issueKey = (i) => `${i.severity} ${i.code} ${i.path}`;

/** What the core throws for a document, as {code, issues}. */
function lintError(document) {
  try {
    lintBackupPlan(document);
  } catch (e) {
    return { code: e.code, issues: e.issues };
  }
  return null;
}

/**
 * Recompute the page's last document in Node with the same wasm and compare what the page shows:
 * the findings (code, path, severity: the same multiset), the detected shape, one row per rule with
 * its schedule, lifecycle and copy destinations, each rule's next runs and worst-case gap for the
 * page's "now", and the export.
 */
async function assertPageMatchesCore() {
  const shown = await page.evaluate(() => window.__drplanBackup);
  assert.equal(shown.error, null, 'the document could be read');
  const core = lintBackupPlan(shown.document);
  assert.deepEqual(shown.lint, core, 'the page ran the same lint as the core in Node');

  const findings = await page.getByTestId('backup-finding').evaluateAll((els) =>
    els.map((e) => `${e.dataset.severity} ${e.dataset.code} ${e.dataset.path}`));
  assert.deepEqual([...findings].sort(), core.issues.map(issueKey).sort(), 'the findings (severity, code, path)');

  const shape = page.getByTestId('backup-shape');
  assert.equal(await shape.getAttribute('data-shape'), core.parsed.shape);
  assert.equal(await shape.getAttribute('data-format'), core.parsed.format);

  const rules = core.parsed.plans.flatMap((p) => p.rules);
  assert.equal(await page.locator('[data-testid^="backup-rule-"]').count(), rules.length, 'one row per rule');
  const mismatches = [];
  for (const rule of rules) {
    const row = (await page.getByTestId(`backup-rule-${rule.name}`).first().textContent()).replace(/\s+/g, ' ');
    const want = [
      rule.schedule_expression ?? DEFAULT_SCHEDULE,
      rule.schedule_expression_timezone ?? 'UTC',
      ...(rule.lifecycle?.delete_after_days != null ? [`delete after ${rule.lifecycle.delete_after_days} d`] : []),
      ...(rule.lifecycle?.move_to_cold_after_days != null ? [`cold after ${rule.lifecycle.move_to_cold_after_days} d`] : []),
      ...(rule.copy_actions ?? []).map((c) => c.destination_region ?? c.destination_vault_name ?? c.destination_vault_arn).filter(Boolean),
      ...(rule.copy_actions ?? []).map((c) => c.destination_account).filter(Boolean),
      rule.enable_continuous_backup ? 'yes (PITR)' : 'no',
    ];
    for (const w of want) if (!row.includes(w)) mismatches.push(`backup-rule-${rule.name}: "${w}" missing from "${row}"`);
  }

  // Next runs: the page passed each rule's own schedule, zone and windows, from the page's "now".
  assert.equal(shown.from, await page.getByTestId('backup-now').inputValue(), 'runs are computed from the "now" shown');
  let i = 0;
  for (const plan of core.parsed.plans) {
    for (const rule of plan.rules) {
      const s = shown.schedules[i++];
      assert.equal(s.rule, rule.name);
      assert.equal(s.expression, rule.schedule_expression ?? DEFAULT_SCHEDULE);
      assert.equal(s.time_zone, rule.schedule_expression_timezone ?? null);
      const card = page.getByTestId(`backup-next-runs-${rule.name}`).first();
      let runs = null;
      try {
        runs = scheduleRuns(s.expression, s.time_zone, shown.from, null, 5, s.options);
      } catch (e) {
        assert.equal(s.runs, null, `${rule.name}: the core throws, the page shows no runs`);
        assert.match(await card.textContent(), new RegExp(e.issues[0].code), `${rule.name}: the page shows the core's error`);
      }
      if (runs) {
        if (!s.optionsDropped) {
          const windows = {};
          if (rule.start_window_minutes != null) windows.start_window_minutes = rule.start_window_minutes;
          if (rule.completion_window_minutes != null) windows.completion_window_minutes = rule.completion_window_minutes;
          assert.deepEqual(s.options, Object.keys(windows).length ? windows : null, `${rule.name}: the rule's windows`);
        }
        assert.deepEqual(s.runs, runs, `${rule.name}: the page's runs are the core's`);
        const times = await card.locator('time').evaluateAll((els) => els.map((e) => [e.getAttribute('datetime'), e.textContent]));
        assert.deepEqual(times.map((t) => t[0]), runs.runs.map((r) => r.utc), `${rule.name}: the runs shown`);
        runs.runs.forEach((r, k) => {
          const local = `${r.local.slice(0, 10)} ${r.local.slice(11, 16)}`;
          if (!times[k][1].includes(local)) mismatches.push(`${rule.name} run ${k}: "${times[k][1]}" is not local ${local}`);
        });
        const summary = cronSummary(s.expression, s.time_zone, shown.from, null);
        assert.deepEqual(s.summary, summary, `${rule.name}: the cron summary`);
        assert.equal(await card.locator('.gap').getAttribute('data-max-gap'), String(summary.max_gap_seconds));
      }
    }
  }

  const exported = core.parsed.plans.length ? exportBackupPlan(core.parsed.plans[0], shown.exported.shape).text : '';
  assert.equal(shown.exported.text, exported || null);
  assert.equal(await page.getByTestId('backup-export').textContent(), exported, 'the export box holds the core\'s export');
  assert.deepEqual(mismatches, [], `page and core differ:\n${mismatches.join('\n')}`);
  return { core, shown };
}

/**
 * The simulation the page ran, recomputed in Node from the form's values: the inputs must be what
 * the form says, the outputs the core's, and the text and charts must show them.
 */
async function assertSimulationMatchesCore(form) {
  const shown = await page.evaluate(() => window.__drplanBackup);
  const run = shown.simulation;
  assert.deepEqual(run.resources, [{
    id: `${form.type.toLowerCase()}-1`, resource_type: form.type, region: form.region, size_gib: form.size, change_rate: form.change,
  }], 'the resource is the form\'s');
  assert.equal(run.options.horizon_days, form.years * 365);
  assert.deepEqual(run.plan, shown.lint.parsed.plans[0]);
  const sim = simulateBackupPlan(run.plan, run.resources, run.options);
  assert.deepEqual(run.simulation, sim, 'the page ran the same simulation as the core in Node');
  let cost = null;
  let costError = null;
  try {
    cost = backupCost([...sim.recovery_points, ...sim.chain_bases], null, run.costOptions);
  } catch (e) {
    costError = { code: e.code, issues: e.issues };
  }
  assert.deepEqual(run.cost, cost, 'and the same bill');
  if (costError) assert.deepEqual({ code: run.costError.code, issues: run.costError.issues }, costError);
  assert.equal(run.costOptions.horizon_months, Math.floor((form.years * 365 * 24) / 730));
  // Restore testing of the same plan and resource: the form's weekly plan, the core's answer.
  if (run.testing) {
    assert.equal(run.testing.testing.selections[0].protected_resource_type, form.type);
    const rt = simulateRestoreTesting(run.testing.testing, run.plan, run.resources, run.testing.options);
    assert.deepEqual(run.restoreTesting, rt, 'the page ran the same restore testing simulation as the core in Node');
    const r = rt.resources[0];
    const text = (await page.getByTestId('restore-testing').textContent()).replace(/\s+/g, ' ');
    assert.ok(r.tests > 0 ? text.includes(`Tested ${r.tests.toLocaleString('en-US')} times`) : text.includes('Never tested'), text);
    const costText = await page.getByTestId('restore-testing-cost').textContent();
    assert.ok(costText.includes(`${rt.cost.tests.toLocaleString('en-US')} tests`), costText);
  }

  const t = sim.inventory.steady_state.total;
  const steady = (await page.getByTestId('inventory-steady').textContent()).replace(/\s+/g, ' ');
  assert.ok(steady.includes(`Steady from ${sim.inventory.steady_state.at.slice(0, 10)}`), steady);
  assert.ok(steady.includes(t.min_count === t.max_count ? `${t.min_count} recovery points` : `${t.min_count}–${t.max_count} recovery points`), steady);
  const rows = await page.locator('[data-testid="rpo-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.disruption, tr.children[1].textContent]));
  assert.deepEqual(rows, sim.resources[0].rpo.map((r) => [r.disruption, r.covered ? r.worst : 'not covered']), 'RPO per disruption');
  assert.deepEqual(await page.getByTestId('coverage').locator('li').allTextContents(), sim.resources[0].coverage);
  assert.equal(await page.getByTestId('inventory-chart').count(), 1);
  if (cost) {
    const ss = cost.steady_state;
    const month = cost.months.find((m) => m.month === (ss.reached ? ss.from_month : cost.months.length));
    const table = page.getByTestId('cost-breakdown');
    assert.equal(await table.locator('tbody tr').count(), month.lines.length, 'one row per charge of the month');
    assert.equal((await table.locator('tfoot td').textContent()).trim(), `$${month.usd.total_usd.toFixed(2)}`);
    if (ss.reached) assert.ok((await page.locator('#b-cost-breakdown').textContent()).includes(`Steady-state bill $${ss.monthly_usd.toFixed(2)} a month`));
    assert.ok(await page.getByTestId('cost-error').isHidden());
  } else {
    assert.ok(await page.getByTestId('cost-error').isVisible(), 'the bill\'s error is shown');
    assert.ok(await page.locator('#b-cost').isHidden(), 'and no stale bill');
  }
  return run;
}

/** Click the first finding with this code; the editor's selection and where the locator puts it. */
async function clickFinding(code, nth = 0) {
  const { document, lint } = await page.evaluate(() => window.__drplanBackup);
  const issue = lint.issues.filter((x) => x.code === code)[nth];
  assert.ok(issue, `a finding ${code}`);
  await page.locator(`[data-testid="backup-finding"][data-code="${code}"][data-path="${issue.path}"]`).first().click();
  const sel = await page.getByTestId('backup-editor').evaluate((t) => ({
    start: t.selectionStart, end: t.selectionEnd, focused: document.activeElement === t,
    mark: document.querySelector('#b-backdrop mark')?.textContent ?? null,
  }));
  const want = locate(document, issue.path, lint.parsed.format);
  return { issue, document, sel, want, selected: document.slice(sel.start, sel.end) };
}

test('the examples are drplan\'s golden inputs, unchanged, and the default lints without errors', () => {
  assert.ok(presetList.length >= 7 && presetList.length <= 9, '6–8 examples besides the default');
  for (const { id, golden } of presetList.filter((p) => p.golden)) {
    const input = JSON.parse(readFileSync(path.join(root, 'tests/golden', golden, 'input.json'), 'utf8'));
    assert.ok(['lint_backup_plan', 'parse_backup_plan'].includes(input.function), `${golden} is a whole document`);
    const doc = presetDocument(id);
    if (typeof input.args[0] === 'string') assert.equal(doc, input.args[0], `example ${id}: the same text`);
    else assert.deepEqual(JSON.parse(doc), input.args[0], `example ${id}: the same document`);
  }
  const core = lintBackupPlan(DEFAULT_DOCUMENT);
  assert.equal(core.error_count, 0, 'the default plan has no error');
  assert.equal(core.parsed.shape, 'get_backup_plan_output');
  const [plan] = core.parsed.plans;
  assert.deepEqual(plan.rules.map((r) => r.schedule_expression), ['cron(0 3 ? * * *)', 'cron(0 7 1 * ? *)'], 'a daily and a monthly rule');
  assert.ok(plan.rules.every((r) => r.copy_actions.some((c) => c.cross_region === true)), 'each copied to another Region');
});

test('the locator finds each finding in the text, in JSON and YAML', () => {
  for (const { id } of presetList) {
    const text = presetDocument(id);
    const lint = lintBackupPlan(text);
    const format = lint.parsed.format;
    assert.equal(guessFormat(text), format, `${id}: format`);
    const json = format === 'json' ? JSON.parse(text) : null;
    for (const issue of lint.issues) {
      const loc = locate(text, issue.path, format);
      assert.ok(issue.path === loc.found || issue.path.startsWith(`${loc.found}/`), `${id} ${issue.path}: an ancestor at worst`);
      const value = json ? getAt(json, issue.path) : undefined;
      if (value !== undefined) {
        assert.ok(loc.exact, `${id} ${issue.path}: present in the text, found exactly`);
        if (value === null || typeof value !== 'object') {
          assert.ok(text.slice(loc.start, loc.end).includes(JSON.stringify(value)), `${id} ${issue.path}: the selection holds the value`);
        }
      }
    }
    // Every value of the plan written back as CloudFormation JSON and YAML is found exactly.
    for (const plan of lint.parsed.plans) {
      let cj;
      try {
        cj = exportBackupPlan(plan, 'cloudformation_json').text;
      } catch {
        continue; // a plan the core will not write back (its errors are the findings)
      }
      const cy = exportBackupPlan(plan, 'cloudformation_yaml').text;
      const walk = (v, p, acc) => {
        acc.push([p, v]);
        if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, `${p}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`, acc);
        return acc;
      };
      for (const [text2, fmt] of [[cj, 'json'], [cy, 'yaml']]) {
        const index = indexDocument(text2, fmt);
        for (const [p, v] of walk(JSON.parse(cj), '', [])) {
          const loc = locate(text2, p, fmt, index);
          assert.ok(loc.exact, `${id} export ${fmt} ${p}: found`);
          if (p && (v === null || typeof v !== 'object')) {
            assert.ok(text2.slice(loc.start, loc.end).includes(String(v)), `${id} export ${fmt} ${p}: holds ${v}`);
          }
        }
      }
    }
  }
});

test('the Backup plan tab shows what the core says, and each finding in the text', { timeout: 180_000 }, async (t) => {
  await page.goto(baseUrl, { waitUntil: 'load' });
  await page.getByRole('tab', { name: 'Backup plan' }).click();
  let seq = await waitForResult(0);
  await page.getByTestId('backup-finding').first().waitFor();

  await t.test('default plan', async () => {
    assert.match(page.url(), /#backup$/);
    const { core, shown } = await assertPageMatchesCore();
    assert.equal(shown.document, DEFAULT_DOCUMENT);
    assert.ok(Math.abs(Date.parse(shown.from) - Date.now()) < 10 * 60_000, '"now" defaults to the current time');
    assert.match(shown.from, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(core.valid, true);
    assert.match(await page.getByTestId('backup-shape').textContent(), /get-backup-plan output/);
    assert.ok(await page.getByTestId('backup-errors').isHidden(), 'no error box');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 1440, 'nothing overflows sideways');
    await page.screenshot({ path: path.join(shots, '11-backup.png'), fullPage: true });
  });

  await t.test('recovery points, RPO and the monthly bill of the default plan', async () => {
    await page.getByTestId('backup-now').fill('2026-03-06T12:00:00Z');
    seq = await waitForResult(seq, 'd.from === "2026-03-06T12:00:00Z"');
    const run = await assertSimulationMatchesCore({ type: 'EBS', size: 500, change: 0.02, region: 'us-east-1', years: 3 });
    assert.equal(run.options.start, '2026-03-06T00:00:00Z', 'the simulation starts at midnight UTC of "now"');
    const sim = run.simulation;
    // The plan: daily kept 35 d and monthly kept 365 d, each copied to us-west-2 with the same
    // lifecycle; nothing crosses an account, so account compromise is not covered.
    const ss = sim.inventory.steady_state;
    assert.equal(ss.reached, true);
    assert.equal(ss.at.slice(0, 10), '2027-04-02', 'steady once the first monthly point (1 Apr 2026, 365 d) has expired');
    const rpo = Object.fromEntries(sim.resources[0].rpo.map((r) => [r.disruption, r]));
    assert.equal(rpo.account_compromise.covered, false);
    assert.equal(rpo.region.covered, true);
    assert.equal(rpo.region.worst_seconds - rpo.az.worst_seconds, 3600, 'a Region loss adds the copy lag (1 h default)');
    assert.deepEqual(sim.resources[0].coverage.slice(0, 2), ['any day of the last 35 days', 'the 1st of any month of the last 12 months']);
    // First month: the first copy into us-west-2 moves the full 500 GiB at $0.02/GB.
    const m1 = run.cost.months[0].lines.filter((l) => l.kind === 'transfer');
    assert.ok(m1.some((l) => l.quantity >= 500), 'the first copy transfers the full volume');
    assert.equal(run.cost.months.length, 36);
    assert.equal(await page.locator('[data-testid="cost-chart"] .b-bar').count(), 36, 'one bar per month');
    await page.locator('#b-sim').screenshot({ path: path.join(shots, '11b-backup-simulation.png') });
  });

  await t.test('the form drives the simulation: cold tier, missing prices, bad sizes', async () => {
    await page.getByLabel('Resource', { exact: true }).selectOption('EFS');
    seq = await waitForResult(seq, 'd.simulation && d.simulation.resources[0].resource_type === "EFS"');
    let run = await assertSimulationMatchesCore({ type: 'EFS', size: 500, change: 0.02, region: 'us-east-1', years: 3 });
    assert.ok(run.simulation.inventory.steady_state.total.max_cold_count > 0, 'EFS monthly points go cold after 30 d');
    assert.ok(run.cost.horizon_usd.storage_cold_usd > 0, 'and cold storage is billed');

    // No confirmed price for S3 backup storage: the bill is an error naming the key, never $0.
    await page.getByLabel('Resource', { exact: true }).selectOption('S3');
    seq = await waitForResult(seq, 'd.simulation && d.simulation.resources[0].resource_type === "S3"');
    run = await assertSimulationMatchesCore({ type: 'S3', size: 500, change: 0.02, region: 'us-east-1', years: 3 });
    assert.equal(run.cost, null);
    assert.equal(run.costError.code, 'missing_price');
    assert.match(await page.getByTestId('cost-error').textContent(), /missing_price[\s\S]*backup\.s3\.warm_gb_month/);

    // A negative size: the simulation's own error, with its input and path.
    await page.getByLabel('Resource', { exact: true }).selectOption('EBS');
    await page.getByLabel('Size (GiB)', { exact: true }).fill('-5');
    seq = await waitForResult(seq, 'd.simulation && d.simulation.error !== null');
    run = await page.evaluate(() => window.__drplanBackup.simulation);
    const issue = run.error.issues[0];
    assert.deepEqual([issue.input, issue.path], ['resources', '/0/size_gib']);
    assert.match(await page.getByTestId('simulation-error').textContent(), /resources \/0\/size_gib/);
    assert.ok(await page.locator('#b-sim-out').isHidden(), 'no stale charts under the error');

    await page.getByLabel('Size (GiB)', { exact: true }).fill('500');
    seq = await waitForResult(seq, 'd.simulation && d.simulation.error === null');
    await assertSimulationMatchesCore({ type: 'EBS', size: 500, change: 0.02, region: 'us-east-1', years: 3 });
  });

  await t.test('clicking a finding selects its text in the editor', async () => {
    const { issue, sel, want, selected } = await clickFinding('cold_tier_depends_on_type', 1);
    assert.equal(issue.path, '/BackupPlan/Rules/1/CopyActions/0/Lifecycle/MoveToColdStorageAfterDays');
    assert.deepEqual([sel.start, sel.end], [want.start, want.end], 'the locator\'s range is selected');
    assert.equal(selected, '"MoveToColdStorageAfterDays": 30', 'the offending member, exactly');
    assert.ok(sel.focused, 'the editor has the focus, so the selection shows');
    assert.equal(sel.mark, selected, 'and the highlight covers the same text');
    const line = DEFAULT_DOCUMENT.slice(0, want.start).split('\n').length;
    assert.equal(await page.locator('#b-gutter > .hl').first().textContent(), String(line), 'the line is marked in the gutter');
    await page.screenshot({ path: path.join(shots, '12-backup-finding.png') });
  });

  await t.test('"now" changed: the runs follow, across a DST change', async () => {
    await page.getByTestId('backup-now').fill('2026-03-06T12:00:00Z');
    seq = await waitForResult(seq, 'd.from === "2026-03-06T12:00:00Z"');
    const { shown } = await assertPageMatchesCore();
    const daily = shown.schedules.find((s) => s.rule === 'daily-35d').runs.runs;
    assert.deepEqual(daily.map((r) => r.local.slice(19)), ['-05:00', '-04:00', '-04:00', '-04:00', '-04:00'], 'New York springs forward on 8 March');
    assert.deepEqual(daily.map((r) => r.local.slice(11, 16)), Array(5).fill('03:00'), 'at 03:00 local every day');
    await page.getByTestId('backup-now').fill('yesterday');
    seq = await waitForResult(seq, 'd.from === "yesterday"');
    const nowError = page.locator('#b-now-error');
    await nowError.waitFor({ state: 'visible' });
    assert.match(await nowError.textContent(), /invalid_timestamp/);
    assert.equal(await page.getByTestId('backup-now').getAttribute('aria-invalid'), '');
    await page.getByTestId('backup-now').fill('2026-03-07T12:00:00Z');
    seq = await waitForResult(seq, 'd.from === "2026-03-07T12:00:00Z"');
    assert.ok(await nowError.isHidden());
  });

  await t.test('example: CloudFormation YAML with short-form tags and Vault Lock', async () => {
    await page.getByLabel('Load an example').selectOption('cfn-yaml-tags');
    seq = await waitForResult(seq, 'd.lint && d.lint.parsed.shape === "cloudformation_template"');
    const { core } = await assertPageMatchesCore();
    assert.equal(core.parsed.format, 'yaml');
    assert.equal(core.valid, false);
    assert.match(await page.getByTestId('backup-shape').textContent(), /CloudFormation template.*YAML/);

    const hit = await clickFinding('vault_lock_retention_below_min');
    assert.deepEqual([hit.sel.start, hit.sel.end], [hit.want.start, hit.want.end]);
    assert.equal(hit.selected, 'DeleteAfterDays: 14', 'the YAML key and its offending value');
    await page.screenshot({ path: path.join(shots, '13-backup-yaml.png') });

    // The copy action has no Lifecycle: the nearest ancestor present is shown, and said so.
    const near = await clickFinding('copy_inherits_source_expiry');
    assert.equal(near.want.exact, false);
    assert.equal(near.want.found, '/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0/CopyActions/1');
    assert.deepEqual([near.sel.start, near.sel.end], [near.want.start, near.want.end]);
    assert.match(near.selected, /^DestinationBackupVaultArn: !Sub 'arn:aws:backup:eu-west-1:\$\{DrAccount\}/);
    assert.match(await page.locator('#b-editor-status').textContent(), /not in the text as such/);
  });

  await t.test('example: a create-backup-plan input breaking many rules', async () => {
    await page.getByLabel('Load an example').selectOption('create-input-invalid');
    seq = await waitForResult(seq, 'd.lint && d.lint.parsed.shape === "create_backup_plan_input"');
    const { core } = await assertPageMatchesCore();
    assert.ok(core.error_count >= 10, 'many errors');
    assert.match(await page.locator('#b-verdict-text').textContent(), /AWS would reject this plan/);
    const hit = await clickFinding('cron_rate_not_supported');
    assert.equal(hit.selected, '"ScheduleExpression": "rate(1 day)"');
    assert.match(await page.getByTestId('backup-next-runs-daily rule').textContent(), /cron_rate_not_supported/, 'no runs: the core rejects rate()');
  });

  await t.test('export as CloudFormation YAML', async () => {
    await page.getByLabel('Load an example').selectOption('default');
    seq = await waitForResult(seq, 'd.lint && d.lint.parsed.shape === "get_backup_plan_output"');
    await page.getByLabel('As', { exact: true }).selectOption('cloudformation_yaml');
    seq = await waitForResult(seq, 'd.exported.shape === "cloudformation_yaml"');
    const { core } = await assertPageMatchesCore();
    const text = await page.getByTestId('backup-export').textContent();
    assert.equal(text, exportBackupPlan(core.parsed.plans[0], 'cloudformation_yaml').text);
    assert.match(text, /^AWSTemplateFormatVersion:/);
    // The export reads back as the same plan.
    assert.deepEqual(lintBackupPlan(text).parsed.plans[0].rules.map((r) => r.name), ['daily-35d', 'monthly-1y']);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.waitForFunction(() => document.getElementById('b-copied').textContent === 'Copied');
  });

  await t.test('a syntax error typed in the editor is shown inline, with its line and column', async () => {
    const editor = page.getByTestId('backup-editor');
    const at = DEFAULT_DOCUMENT.indexOf('"DeleteAfterDays": 35') + '"DeleteAfterDays": 35'.length;
    await editor.evaluate((ta, pos) => { ta.focus(); ta.setSelectionRange(pos, pos); }, at);
    // A colon after a value breaks JSON, and YAML too (the core falls back to YAML for JSON it
    // cannot read: a trailing comma is valid YAML).
    await page.keyboard.type(':');
    seq = await waitForResult(seq, 'd.error !== null');
    const { document, error } = await page.evaluate(() => window.__drplanBackup);
    assert.equal(document, `${DEFAULT_DOCUMENT.slice(0, at)}:${DEFAULT_DOCUMENT.slice(at)}`, 'the colon went where it was typed');
    const core = lintError(document);
    assert.equal(error.code, 'invalid_json');
    assert.deepEqual(error.issues, core.issues, 'the core\'s error');
    const box = page.getByTestId('backup-errors');
    await box.waitFor({ state: 'visible' });
    const shown = await box.textContent();
    assert.match(shown, /invalid_json/);
    assert.ok(shown.includes(core.issues[0].message), 'with the core\'s message');
    const [, line, column] = /line (\d+) column (\d+)/.exec(core.issues[0].message);
    assert.equal(Number(line), DEFAULT_DOCUMENT.slice(0, at).split('\n').length, 'reported on the line typed');
    assert.match(await page.locator('#b-results').getAttribute('class'), /stale/, 'the last results stay, dimmed');
    assert.match(await page.locator('#b-gutter > div').nth(Number(line) - 1).getAttribute('class'), /mark-error/, 'the line is marked');
    await box.getByRole('button', { name: 'Show in the editor' }).click();
    const sel = await editor.evaluate((t) => [t.selectionStart, t.value.slice(0, t.selectionStart).split('\n').length]);
    assert.equal(sel[1], Number(line), 'the caret goes to that line');
    assert.equal(sel[0] - document.lastIndexOf('\n', sel[0] - 1), Number(column), 'and column');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shots, '14-backup-error.png') });

    await editor.evaluate((ta, pos) => { ta.focus(); ta.setSelectionRange(pos + 1, pos + 1); }, at);
    await page.keyboard.press('Backspace');
    seq = await waitForResult(seq, 'd.error === null');
    assert.ok(await box.isHidden(), 'the error goes away once the text reads again');
    await assertPageMatchesCore();

    // Valid JSON, but no plan AWS knows: the core's unknown_shape, inline.
    await editor.fill('{"Plans": [{"Name": "x"}]}');
    seq = await waitForResult(seq, 'd.error !== null && d.error.code === "invalid_input"');
    await box.waitFor({ state: 'visible' });
    assert.match(await box.textContent(), /invalid_input.*unknown_shape.*none of the known shapes/s);
    assert.deepEqual((await page.evaluate(() => window.__drplanBackup.error)).issues, lintError('{"Plans": [{"Name": "x"}]}').issues);
  });

  await t.test('narrow screen', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await page.getByLabel('Load an example').selectOption('org-policy-invalid');
    seq = await waitForResult(seq, 'd.lint && d.lint.parsed.shape === "organizations_policy"');
    await assertPageMatchesCore();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 420, 'nothing overflows sideways');
    const hit = await clickFinding('invalid_type');
    assert.equal(hit.selected, '"@@assign": "sixty"');
    await page.waitForFunction(() => {
      const r = document.getElementById('b-editor').getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, null, { timeout: 5000 });
    await page.screenshot({ path: path.join(shots, '15-backup-narrow-finding.png') });
    await page.getByLabel('Load an example').selectOption('default');
    seq = await waitForResult(seq, 'd.lint && d.lint.parsed.shape === "get_backup_plan_output"');
    await assertPageMatchesCore();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 420, 'nothing overflows sideways');
    await page.screenshot({ path: path.join(shots, '16-backup-narrow.png'), fullPage: true });
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});

/** A strategy's backup lines (AWS Backup storage and copy transfer, billed from the simulated plan). */
const backupLines = (a, name) => a.strategies.find((s) => s.strategy === name).monthly_cost.items
  .filter((it) => /^(backup|transfer)\./.test(it.price_key ?? ''))
  .map(({ item, quantity, unit, rate_usd, price_key, usd }) => ({ item, quantity, unit, rate_usd, price_key, usd }));

test('one click between tabs: a strategy\'s backup plan opens here, and this plan assesses the workload', { timeout: 150_000 }, async (t) => {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}#strategies`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__drplan?.assessment);
  const { workload, policy, assessment } = await page.evaluate(() => window.__drplan);
  const pilot = assessment.strategies.find((s) => s.strategy === 'pilot_light');
  const exported = exportBackupPlan(pilot.backup_plan.plan, 'create_backup_plan_input').text;
  let seq = 0;

  await t.test('"Open this backup plan in the Backup plan tab"', async () => {
    await page.getByTestId('detail-pilot_light').evaluate((d) => { d.open = true; });
    await page.getByTestId('open-backup-pilot_light').click();
    seq = await waitForResult(0, `d.document === ${JSON.stringify(exported)}`);
    assert.match(page.url(), /#backup/);
    assert.equal(await page.getByRole('tab', { name: 'Backup plan' }).getAttribute('aria-selected'), 'true');
    const shown = await page.evaluate(() => window.__drplanBackup);
    assert.equal(shown.document, exported, 'the editor holds the strategy\'s plan, exported');
    assert.deepEqual(shown.lint, lintBackupPlan(exported));
    assert.equal(shown.error, null);
    // The plan's resource in the simulation form: the 200 GiB Aurora cluster changing 5 GiB a day.
    const r = pilot.backup_plan.resources[0];
    assert.equal(r.resource_type, 'Aurora');
    assert.deepEqual(shown.simulation.resources[0], {
      id: 'aurora-1', resource_type: 'Aurora', region: 'us-east-1', size_gib: 200, change_rate: 0.025,
    });
    assert.ok(shown.simulation.simulation, 'the plan simulates');
    // Its rule copies to the recovery Region, as the strategy assumed.
    const rules = shown.lint.parsed.plans[0].rules;
    assert.ok(rules.some((rule) => rule.copy_actions.some((c) => c.destination_region === 'us-west-2')));
  });

  await t.test('"Assess my workload with this plan" gives the same backup lines', async () => {
    await page.getByTestId('assess-with-plan').click();
    await page.waitForFunction(() => typeof window.__drplan?.workload.backup_plan === 'string' && window.__drplan.assessment);
    assert.equal(await page.getByRole('tab', { name: 'Strategies' }).getAttribute('aria-selected'), 'true');
    const d = await page.evaluate(() => window.__drplan);
    assert.equal(d.workload.backup_plan, exported);
    assert.deepEqual({ ...d.workload, backup_plan: undefined }, { ...workload, backup_plan: undefined }, 'the rest of the workload is unchanged');
    assert.deepEqual(d.assessment, assessStrategies(d.workload, policy));
    const own = d.assessment.strategies.find((s) => s.strategy === 'pilot_light');
    assert.equal(own.backup_plan.derived, false, 'assessed with the plan sent, not a derived one');
    const lines = backupLines(d.assessment, 'pilot_light');
    assert.ok(lines.length >= 3, 'storage in both Regions and the copy transfer');
    assert.deepEqual(lines, backupLines(assessment, 'pilot_light'), 'the round trip bills the same backup lines');
    assert.match(await page.getByTestId('own-backup-plan').textContent(), /your own plan/);
    assert.deepEqual(pageErrors, [], 'no errors in the page console');
  });
});
