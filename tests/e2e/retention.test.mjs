// End-to-end test of the demo's "Retention" tab in real Chromium: the kept snapshots (as a multiset
// of times), the counts, each kept snapshot's reasons and the footprint's steady state must be
// exactly what `applyRetention` and `retentionFootprint` answer in Node (same wasm package) for the
// inputs the page exposes; flags typed in the flags box must fill the fields; a bad flag must be
// shown inline. Run from the repository root: `node --test tests/e2e/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useDemo, baseUrl, page, pageErrors, loadCore, shots, root } from './helpers.mjs';
import { PRESETS, PRESET_INPUTS, MODES, defaultState, policyFor } from '../../web-demo/retention/defaults.js';

const { applyRetention, retentionFootprint, parseRetentionFlags } = loadCore();

// The server and Chromium for this file's tests; `waitForResult` is about this tab.
const { waitForResult } = useDemo('__drplanRetention');
const seqNow = () => page.evaluate(() => window.__drplanRetention?.seq ?? 0);
const sorted = (xs) => [...xs].sort();

/**
 * Recompute the page's last input in Node and compare what the page shows: the result, the kept
 * ticks (times as a multiset), the counts, every kept tick's reasons, and the footprint.
 */
async function assertPageMatchesCore() {
  const shown = await page.evaluate(() => window.__drplanRetention);
  assert.equal(shown.error, null, `the core accepted the input: ${JSON.stringify(shown.error)}`);
  const core = applyRetention(shown.snapshots, shown.policy, shown.mode, shown.now, shown.time_zone);
  assert.deepEqual(shown.result, core, 'the page ran the same applyRetention as the core in Node');
  assert.equal(await page.getByTestId('retention-now').inputValue(), shown.now, '"now" is shown');
  assert.equal((await page.getByTestId('retention-tz').inputValue()).trim() || null, shown.time_zone, 'the time zone is shown');
  assert.equal(await page.getByTestId(`retention-mode-${shown.mode}`).isChecked(), true, 'the mode is selected');

  const ticks = await page.getByTestId('retention-snapshot').evaluateAll((els) =>
    els.map((e) => ({ kept: e.dataset.kept === 'true', time: e.dataset.time, reasons: JSON.parse(e.dataset.reasons) })));
  assert.equal(ticks.length, shown.snapshots.length, 'one tick per snapshot');
  const kept = ticks.filter((t) => t.kept);
  assert.deepEqual(sorted(kept.map((t) => t.time)), sorted(core.kept.map((k) => k.time)), 'the kept times (multiset)');
  assert.deepEqual(sorted(kept.map((t) => `${t.time} ${JSON.stringify(t.reasons)}`)),
    sorted(core.kept.map((k) => `${k.time} ${JSON.stringify(k.reasons.map((r) => r.label))}`)), 'each kept snapshot\'s reasons');
  assert.equal(ticks.length - kept.length, core.removed_count);
  assert.equal(await page.getByTestId('retention-kept-count').textContent(), String(core.kept_count));
  assert.equal(await page.getByTestId('retention-removed-count').textContent(), String(core.removed_count));

  const f = shown.footprint_input;
  assert.deepEqual(f.policy, shown.policy);
  assert.equal(f.mode, shown.mode);
  const fp = retentionFootprint(f.cadence, f.policy, f.mode, f.start, f.horizon, f.time_zone);
  assert.deepEqual(shown.footprint, fp, 'the page ran the same retentionFootprint');
  const steady = page.getByTestId('retention-steady-state');
  const ss = fp.steady_state;
  if (ss) {
    assert.equal(await steady.getAttribute('data-min'), String(ss.min_held));
    assert.equal(await steady.getAttribute('data-max'), String(ss.max_held));
    assert.equal(await steady.textContent(), ss.min_held === ss.max_held ? `${ss.max_held} snapshots` : `${ss.min_held}–${ss.max_held} snapshots`);
  }
  return { shown, core, fp };
}

async function pickMode(mode) {
  const since = await seqNow();
  await page.getByTestId(`retention-mode-${mode}`).check();
  await waitForResult(since, `d.mode === ${JSON.stringify(mode)}`);
}

test('the examples are drplan\'s golden inputs, unchanged, and restic and borg disagree on each', () => {
  assert.ok(PRESETS.length >= 3 && PRESETS.length <= 4);
  for (const [, , golden] of PRESETS) {
    const input = JSON.parse(readFileSync(path.join(root, 'tests/golden', golden, 'input.json'), 'utf8'));
    assert.equal(input.function, 'apply_retention');
    assert.deepEqual(PRESET_INPUTS[golden], input.args, `${golden}: the golden's arguments`);
    const [snapshots, policy, , now] = input.args;
    const kept = (mode) => sorted(applyRetention(snapshots, policyFor(policy, mode), mode, now, 'UTC').kept.map((k) => k.time));
    assert.notDeepEqual(kept('restic-0.14'), kept('borg-1.2'), `${golden}: restic 0.14 and borg differ`);
  }
});

test('the Retention tab shows what the core keeps, and why', { timeout: 180_000 }, async (t) => {
  await page.goto(baseUrl, { waitUntil: 'load' });
  await page.getByRole('tab', { name: 'Retention' }).click();
  let seq = await waitForResult(0);
  await page.getByTestId('retention-snapshot').first().waitFor();

  await t.test('default state', async () => {
    assert.match(page.url(), /#retention$/);
    const { shown, core, fp } = await assertPageMatchesCore();
    const d = defaultState();
    assert.equal(shown.mode, d.mode);
    assert.deepEqual(shown.policy, policyFor(d.policy, d.mode));
    assert.equal(shown.now, d.now);
    assert.equal(shown.snapshots.length, d.cadence.count);
    assert.ok(core.kept_count > 0 && core.removed_count > 0, 'some kept, some removed');
    assert.ok(fp.steady_state, 'a steady state over two years');
    assert.ok(await page.getByTestId('retention-errors').isHidden(), 'no error box');
    assert.equal(await page.locator('#r-timeline .r-band').count(), core.within_windows.length, 'one band per keep-within window');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 1440, 'nothing overflows sideways');
    await page.screenshot({ path: path.join(shots, '17-retention.png'), fullPage: true });
  });

  await t.test('a tick shows its time and reasons', async () => {
    const tick = page.locator('[data-testid="retention-snapshot"][data-kept="true"]').last();
    const time = await tick.getAttribute('data-time');
    const reasons = JSON.parse(await tick.getAttribute('data-reasons'));
    await tick.click();
    const detail = await page.getByTestId('retention-detail').textContent();
    assert.ok(detail.includes(time) && detail.includes('Kept'), detail);
    for (const r of reasons) assert.ok(detail.includes(r), `reason "${r}" in "${detail}"`);
    assert.match(await tick.locator('title').textContent(), new RegExp(time.replace(/[+.]/g, '\\$&')));
  });

  await t.test('switching the default to borg shows what changes', async () => {
    const before = await page.evaluate(() => window.__drplanRetention.result);
    await pickMode('borg-1.2');
    const { core } = await assertPageMatchesCore();
    const change = page.getByTestId('retention-change');
    assert.ok(await change.isVisible(), 'the change line is shown');
    const added = core.kept.length - before.kept.filter((k) => core.kept.some((c) => c.index === k.index)).length;
    if (added) assert.match(await change.textContent(), new RegExp(`\\+${added} kept`));
    await pickMode('aws-backup-lifecycle');
    const aws = await assertPageMatchesCore();
    assert.deepEqual(Object.keys(aws.shown.policy), ['delete_after_days'], 'AWS reads the lifecycle days only');
    assert.ok(aws.core.kept.every((k) => k.storage), 'AWS points have a storage tier');
    await pickMode('restic-0.14');
  });

  await t.test('footprint by an AWS cron schedule, and a bad cron shown at its field', async () => {
    const cron = page.getByTestId('retention-fp-cron');
    let seq = await seqNow();
    await pickMode('aws-backup-lifecycle');
    seq = await seqNow();
    await cron.fill('cron(0 5 ? * MON-FRI *)');
    seq = await waitForResult(seq, 'd.footprint_input.cadence.cron === "cron(0 5 ? * MON-FRI *)"');
    const { shown, fp } = await assertPageMatchesCore();
    assert.deepEqual(shown.footprint_input.cadence, { cron: 'cron(0 5 ? * MON-FRI *)', time_zone: shown.time_zone });
    // Weekdays only, kept 35 days (the default's delete_after_days): 5 weeks × 5 weekdays = 25 held.
    assert.equal(fp.schedule.min_gap_seconds, 86400);
    assert.equal(fp.schedule.max_gap_seconds, 3 * 86400, 'Friday to Monday');
    assert.deepEqual([fp.steady_state.min_held, fp.steady_state.max_held], [25, 25]);
    assert.match(await page.locator('#r-fp-what').textContent(), /^By cron\(0 5 \? \* MON-FRI \*\) in UTC \(first 2024-03-01 05:00.*gaps 1 d–3 d\)/);

    await cron.fill('cron(0 5 ? * MON-FRX *)');
    seq = await waitForResult(seq, 'd.footprint_error !== null');
    const err = await page.evaluate(() => window.__drplanRetention.footprint_error);
    const f = await page.evaluate(() => window.__drplanRetention.footprint_input);
    let want = null;
    try { retentionFootprint(f.cadence, f.policy, f.mode, f.start, f.horizon, f.time_zone); } catch (e) { want = { code: e.code, issues: e.issues }; }
    assert.deepEqual({ code: err.code, issues: err.issues }, want, 'the core\'s error, as in Node');
    const issue = err.issues[0];
    assert.deepEqual([issue.input, issue.path.split('/')[1]], ['cadence', 'cron']);
    const box = page.locator('#r-fp-cron-error');
    assert.ok(await box.isVisible(), 'shown under the cron field');
    assert.ok((await box.textContent()).includes(issue.code));

    await cron.fill('');
    seq = await waitForResult(seq, 'd.footprint_error === null && "interval_seconds" in d.footprint_input.cadence');
    await pickMode('restic-0.14');
  });

  await t.test('bursts, and a bad pasted timestamp shown by its line', async () => {
    let since = await seqNow();
    await page.locator('#r-pattern').selectOption('bursts');
    await waitForResult(since, 'd.snapshots.length > 70');
    await assertPageMatchesCore();
    since = await seqNow();
    await page.getByTestId('retention-source-paste').check();
    await waitForResult(since, 'd.snapshots.length > 70');
    since = await seqNow();
    const text = await page.getByTestId('retention-paste').inputValue();
    await page.getByTestId('retention-paste').fill(`${text.split('\n').slice(0, 3).join('\n')}\n2024-03-04 01:00`);
    await waitForResult(since, 'd.error !== null');
    assert.match(await page.locator('#r-paste-error').textContent(), /pasted line 4/);
    assert.match(await page.getByTestId('retention-errors').textContent(), /invalid_value/);
    since = await seqNow();
    await page.getByTestId('retention-source-cadence').check();
    await page.locator('#r-pattern').selectOption('regular');
    await waitForResult(since, 'd.error === null && d.snapshots.length === 70');
  });

  for (const id of ['e1', 'e3']) {
    await t.test(`example ${id} in two modes, with every mode's lane`, async () => {
      const [, label, golden] = PRESETS.find((p) => p[0] === id);
      let since = await seqNow();
      await page.getByTestId('retention-preset').selectOption(id);
      await waitForResult(since, `d.compare !== null && d.now === ${JSON.stringify(PRESET_INPUTS[golden][3])}`);
      const [snapshots, , goldenMode, now] = PRESET_INPUTS[golden];
      const first = await assertPageMatchesCore();
      assert.deepEqual(first.shown.snapshots, snapshots);
      assert.equal(first.shown.mode, goldenMode);
      assert.equal(first.shown.now, now);
      const expected = JSON.parse(readFileSync(path.join(root, 'tests/golden', golden, 'expected.json'), 'utf8'));
      assert.deepEqual(sorted(first.core.kept.map((k) => k.time)), sorted(expected.kept.map((k) => k.time)), `${label}: as the golden`);
      // Every mode's lane holds that mode's kept count.
      for (const m of MODES) {
        const lane = page.getByTestId(`retention-lane-${m}`);
        const c = first.shown.compare[m];
        const want = c.result ? applyRetention(snapshots, policyFor(first.shown.policy, m), m, now, first.shown.time_zone).kept_count : '';
        assert.equal(await lane.getAttribute('data-kept-count'), String(want), `lane ${m}`);
      }
      if (id === 'e1') await page.screenshot({ path: path.join(shots, '18-retention-e1-borg.png'), fullPage: true });
      await pickMode('restic-0.14');
      const second = await assertPageMatchesCore();
      assert.notDeepEqual(sorted(second.core.kept.map((k) => k.time)), sorted(first.core.kept.map((k) => k.time)), 'the modes disagree');
      assert.ok(await page.getByTestId('retention-change').isVisible());
      if (id === 'e1') await page.screenshot({ path: path.join(shots, '19-retention-e1-restic.png'), fullPage: true });
      seq = await seqNow();
    });
  }

  await t.test('flags typed in the box fill the fields', async () => {
    let since = await seqNow();
    await page.getByTestId('retention-preset').selectOption('default');
    await waitForResult(since, 'd.snapshots.length === 70');
    since = await seqNow();
    const flags = '--keep-daily 5 --keep-weekly=3 -y 1 --keep-within 36h';
    await page.getByTestId('retention-flags').fill(flags);
    await waitForResult(since, 'd.policy.keep_daily === 5');
    const parsed = parseRetentionFlags(flags, 'restic').policy;
    assert.equal(await page.getByTestId('retention-field-keep_daily').inputValue(), '5');
    assert.equal(await page.getByTestId('retention-field-keep_weekly').inputValue(), '3');
    assert.equal(await page.getByTestId('retention-field-keep_yearly').inputValue(), '1');
    assert.equal(await page.getByTestId('retention-field-keep_within').inputValue(), '36h');
    assert.equal(await page.getByTestId('retention-field-keep_last').inputValue(), '', 'the flags replace every keep rule');
    const { shown } = await assertPageMatchesCore();
    assert.deepEqual(shown.policy, parsed);
    assert.ok(await page.getByTestId('retention-flags-error').isHidden());
  });

  await t.test('a bad flag is shown inline, by token', async () => {
    const since = await seqNow();
    await page.getByTestId('retention-flags').fill('--keep-daily 7 --keep-weekly four');
    await waitForResult(since, 'd.flags_error !== null');
    const err = page.getByTestId('retention-flags-error');
    assert.ok(await err.isVisible());
    const text = await err.textContent();
    assert.match(text, /token 4/);
    assert.match(text, /four/);
    assert.match(text, /invalid value/);
    assert.match(await page.getByTestId('retention-errors').textContent(), /invalid_value/);
    assert.equal(await page.getByTestId('retention-field-keep_daily').inputValue(), '5', 'the fields keep the last good flags');
    await page.screenshot({ path: path.join(shots, '20-retention-flag-error.png') });
    const again = await seqNow();
    await page.getByTestId('retention-flags').fill('--keep-daily 7 --keep-weekly 4');
    await waitForResult(again, 'd.flags_error === null && d.policy.keep_weekly === 4');
    assert.ok(await err.isHidden());
    await assertPageMatchesCore();
  });

  await t.test('narrow screen', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForTimeout(400);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 420, 'nothing overflows sideways');
    await assertPageMatchesCore();
    await page.screenshot({ path: path.join(shots, '21-retention-narrow.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page');
});
