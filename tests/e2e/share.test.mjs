// End-to-end test of what every tab shares: only the tab in view computes on load (the others on
// first view), a copied link reproduces the view in a fresh browser context, and the result and
// charts download as JSON and SVG. Run from the repository root: `node --test tests/e2e/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { useDemo, baseUrl, page, pageErrors, STEP_MS } from './helpers.mjs';

useDemo('__drplan');

const GLOBALS = { strategies: '__drplan', migration: '__drplanMigration', backup: '__drplanBackup', retention: '__drplanRetention' };
const TAB_NAMES = { strategies: 'Strategies', migration: 'Migration', backup: 'Backup plan', retention: 'Retention' };

/** Load the page at `hash` afresh (a fragment-only change would not reload it). */
async function load(hash) {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}${hash}`, { waitUntil: 'load' });
}

/** Wait for the tab's first (or next, after `since`) computation in `p`; its published value. */
async function computed(p, tab, since = 0) {
  await p.waitForFunction(([g, s]) => window[g] && window[g].seq > s, [GLOBALS[tab], since], { timeout: STEP_MS });
  return p.evaluate((g) => window[g], GLOBALS[tab]);
}

/** Copy the tab's link and open it in a new browser context (no shared storage or cache). */
async function openCopiedLink(tab) {
  await page.getByTestId(`copy-link-${tab}`).click();
  const link = page.getByTestId(`link-${tab}`);
  await link.waitFor();
  const href = await link.inputValue();
  assert.ok(href.startsWith(`${baseUrl}#${tab}/`), `the link names the tab and carries the inputs: ${href}`);
  const context = await page.context().browser().newContext({ viewport: { width: 1440, height: 1000 } });
  const fresh = await context.newPage();
  const errors = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  await fresh.goto(href, { waitUntil: 'load' });
  return { fresh, context, errors };
}

test('only the tab in view computes; each tab renders when first opened', { timeout: 120_000 }, async () => {
  await load('#backup');
  await computed(page, 'backup');
  await page.getByTestId('backup-finding').first().waitFor();
  const others = await page.evaluate(() => [window.__drplan, window.__drplanMigration, window.__drplanRetention]);
  assert.deepEqual(others, [undefined, undefined, undefined], 'the hidden tabs have not computed');
  const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  assert.deepEqual((await fetched()).filter((f) => /\/(strategies|migration|retention)\//.test(f)), [], 'nor loaded their modules');
  for (const [tab, sel] of [['strategies', '[data-testid="strategy-pilot_light"]'], ['migration', '[data-testid^="migration-path-"]'], ['retention', '[data-testid="retention-snapshot"]']]) {
    await page.getByRole('tab', { name: TAB_NAMES[tab] }).click();
    const d = await computed(page, tab);
    assert.equal(d.seq, 1, `${tab}: computed once, when first opened`);
    await page.locator(sel).first().waitFor();
    assert.ok(await page.locator(`#${tab === 'strategies' ? '' : `${tab[0]}-`}loading`).isHidden(), `${tab}: the loading note is gone`);
  }
  assert.equal((await page.evaluate(() => window.__drplanBackup)).seq, 1, 'switching tabs does not recompute the backup tab');
  assert.ok((await fetched()).includes('/retention/index.js'), 'a tab\'s modules load when it is first opened');
  assert.deepEqual(pageErrors, []);
});

test('Strategies: a copied link reproduces the view in a fresh context', { timeout: 120_000 }, async () => {
  await load('#strategies');
  let d = await computed(page, 'strategies');
  assert.equal(new URL(page.url()).hash, '#strategies', 'the defaults need no inputs in the URL');
  await page.getByLabel('Size').first().fill('2 TiB');
  d = await computed(page, 'strategies', d.seq);
  await page.getByLabel('Disruption', { exact: true }).selectOption('corruption');
  await page.waitForFunction(() => /^#strategies\/./.test(location.hash));
  const shown = await page.getByTestId('cost-pilot_light').textContent();
  const rto = await page.getByTestId('rto-warm_standby-region').textContent();
  const { fresh, context, errors } = await openCopiedLink('strategies');
  try {
    const f = await computed(fresh, 'strategies');
    assert.equal(f.workload.components[0].size_gib, '2 TiB', 'the edited size');
    assert.deepEqual([f.workload, f.policy], [d.workload, d.policy], 'the same inputs');
    assert.deepEqual(f.assessment, d.assessment, 'the same assessment');
    assert.equal(await fresh.getByTestId('cost-pilot_light').textContent(), shown);
    assert.equal(await fresh.getByTestId('rto-warm_standby-region').textContent(), rto);
    assert.equal(await fresh.getByLabel('Disruption', { exact: true }).inputValue(), 'corruption', 'the same chart');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  // The address bar holds the inputs too: a reload keeps them.
  await page.reload({ waitUntil: 'load' });
  const r = await computed(page, 'strategies');
  assert.deepEqual(r.assessment, d.assessment, 'a reload shows the same assessment');
});

test('Migration: a copied link reproduces the view in a fresh context', { timeout: 120_000 }, async () => {
  await load('#migration');
  let d = await computed(page, 'migration');
  await page.getByLabel('Data size').fill('750');
  d = await computed(page, 'migration', d.seq);
  assert.equal(d.scenario.source.size_gib, 750);
  const headline = await page.getByTestId('migration-recommendation').textContent();
  const { fresh, context, errors } = await openCopiedLink('migration');
  try {
    const f = await computed(fresh, 'migration');
    assert.deepEqual(f.scenario, d.scenario);
    assert.deepEqual(f.report, d.report, 'the same ranking');
    assert.equal(await fresh.getByTestId('migration-recommendation').textContent(), headline);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Backup plan: a link carries the pasted plan, the time and the simulation settings', { timeout: 150_000 }, async () => {
  await load('#backup');
  let d = await computed(page, 'backup');
  const editor = page.getByTestId('backup-editor');
  const text = (await editor.inputValue()).replace(/"DeleteAfterDays": 35/, '"DeleteAfterDays": 40');
  await editor.fill(text);
  d = await computed(page, 'backup', d.seq);
  await page.getByTestId('backup-now').fill('2026-03-06T12:00:00Z');
  d = await computed(page, 'backup', d.seq);
  await page.getByLabel('Resource', { exact: true }).selectOption('EFS');
  d = await computed(page, 'backup', d.seq);
  assert.equal(d.simulation.resources[0].resource_type, 'EFS');
  const { fresh, context, errors } = await openCopiedLink('backup');
  try {
    const f = await computed(fresh, 'backup');
    assert.equal(f.document, text, 'the same document, character for character');
    assert.equal(f.from, '2026-03-06T12:00:00Z');
    assert.deepEqual(f.lint, d.lint);
    assert.deepEqual(f.schedules, d.schedules, 'the same next runs');
    assert.deepEqual(f.simulation, d.simulation, 'the same simulation and bill');
    assert.equal(await fresh.getByTestId('backup-shape').textContent(), await page.getByTestId('backup-shape').textContent());
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }

  // The result as JSON, the charts as SVG.
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json-backup').click()]);
  assert.equal(json.suggestedFilename(), 'drplan-backup.json');
  const saved = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.deepEqual(saved.simulation, d.simulation);
  assert.deepEqual(saved.lint, d.lint);
  for (const chart of ['inventory', 'cost']) {
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-svg-backup-${chart}`).click()]);
    assert.equal(svg.suggestedFilename(), `drplan-backup-${chart}.svg`);
    const body = await readFile(await svg.path(), 'utf8');
    assert.match(body, /^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(body, /<(rect|path|polyline|line)\b/, 'the chart has marks');
  }
});

test('Retention: a copied link reproduces the view; downloads', { timeout: 150_000 }, async () => {
  await load('#retention');
  let d = await computed(page, 'retention');
  await page.getByTestId('retention-mode-borg-1.2').check();
  d = await computed(page, 'retention', d.seq);
  await page.getByTestId('retention-flags').fill('--keep-daily 5 --keep-weekly 2');
  d = await computed(page, 'retention', d.seq);
  assert.equal(d.policy.keep_daily, 5);
  const { fresh, context, errors } = await openCopiedLink('retention');
  try {
    const f = await computed(fresh, 'retention');
    assert.equal(f.mode, 'borg-1.2');
    assert.deepEqual(f.snapshots, d.snapshots);
    assert.deepEqual(f.policy, d.policy);
    assert.deepEqual(f.result, d.result, 'the same snapshots kept, for the same reasons');
    assert.deepEqual(f.footprint, d.footprint);
    assert.equal(await fresh.getByTestId('retention-snapshot').count(), await page.getByTestId('retention-snapshot').count());
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json-retention').click()]);
  const saved = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.deepEqual(saved.result, d.result);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-svg-retention-timeline').click()]);
  assert.match(await readFile(await svg.path(), 'utf8'), /<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.deepEqual(pageErrors, []);
});

test('a link whose inputs cannot be read shows the defaults and says so', { timeout: 60_000 }, async () => {
  await load('#migration/not-a-link');
  const d = await computed(page, 'migration');
  assert.equal(d.scenario.source.size_gib, 500, 'the default scenario');
  assert.ok(d.report);
  assert.match(await page.getByTestId('share-note-migration').textContent(), /^This link's inputs could not be read \(.+\); showing the defaults\.$/);
  // Link data that decodes but is not the tab's inputs (here, the Migration tab's given to Strategies).
  const data = deflateRawSync(Buffer.from(JSON.stringify({ scenario: d.scenario }))).toString('base64url');
  await load(`#strategies/${data}`);
  const s = await computed(page, 'strategies');
  assert.equal(s.workload.name, 'shop', 'the default workload');
  assert.match(await page.getByTestId('share-note-strategies').textContent(), /not a Strategies link/);
  assert.deepEqual(pageErrors, []);
});

test('each tab prints as a one-page report (A4)', { timeout: 120_000 }, async () => {
  for (const tab of Object.keys(GLOBALS)) {
    await load(`#${tab}`);
    await computed(page, tab);
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    const pages = Number(/\/Type\s*\/Pages\b[^>]*?\/Count (\d+)/s.exec(pdf)?.[1] ?? /\/Count (\d+)/.exec(pdf)?.[1]);
    assert.equal(pages, 1, `${tab}: ${pages} pages`);
  }
  assert.deepEqual(pageErrors, []);
});
