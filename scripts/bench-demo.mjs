#!/usr/bin/env node
// The web demo's speed, per tab, in headless Chromium from a local server (the browser tests'
// server and flags): bytes the page downloads, first paint, first results and edit → paint.
//
//   node scripts/bench-demo.mjs [--loads 5] [--edits 40] [--tab strategies] [--dir web-demo]
//
// Needs web-demo/pkg (`make wasm`). For every tab: `--loads` fresh loads (a new browser context,
// empty cache) of `#<tab>`, then `--edits` edits of one field, each waiting for the page's next
// computation to be painted. Prints one table per measure (markdown, for BENCHMARKS.md).
//
// What is measured, all from the page's own clock (`performance.now()`, navigation start = 0):
// - first paint: Chromium's first-contentful-paint entry;
// - results: the first computation of the tab painted (the page publishes each computation as
//   `window.__drplan…`; the frame after that assignment, then a task after that frame's paint);
// - bytes: gzip -9 size of each file the page fetched (the server sends files as they are, so
//   the sizes are computed here from the same files), counted when its response ended before
//   first paint, before the results;
// - edit → paint: a value typed into one field (`input` event) to the paint of the computation it
//   caused, through the tab's own debounce.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, demoDir, startServer } from '../tests/e2e/helpers.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const LOADS = Number(opt('loads', 5));
const EDITS = Number(opt('edits', 40));
const ONLY = opt('tab', null);
// Another copy of the page (e.g. an older version, to compare): `--dir path/to/web-demo`.
const DIR = path.resolve(opt('dir', demoDir));

// Each tab: its hash, the global it publishes, the field edited and the i-th value typed.
const TABS = [
  {
    tab: 'strategies', global: '__drplan',
    field: (page) => page.getByLabel('Size').first(),
    value: (i) => `${300 + i}`,
  },
  {
    tab: 'migration', global: '__drplanMigration',
    field: (page) => page.getByLabel('Data size'),
    value: (i) => `${501 + i}`,
  },
  {
    tab: 'backup', global: '__drplanBackup',
    field: (page) => page.locator('#b-editor'),
    // The first rule's retention, 36, 37, … days: a new lint and a new simulation each time.
    value: (i, current) => current.replace(/"DeleteAfterDays": \d+/, `"DeleteAfterDays": ${36 + i}`),
  },
  {
    tab: 'retention', global: '__drplanRetention',
    field: (page) => page.getByTestId('retention-field-keep_daily'),
    value: (i) => `${3 + (i % 20)}`,
  },
].filter((t) => !ONLY || t.tab === ONLY);

// Installed before the page's scripts: note when each `window.__drplan…` is assigned and when the
// frame showing it has been painted. A computation made inside an animation frame is painted at
// the end of that frame; one made in any other task at the end of the next frame.
const PROBE = `(() => {
  let inFrame = false;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { inFrame = true; try { cb(t); } finally { inFrame = false; } });
  const probe = { painted: {}, waiters: [] };
  window.__benchProbe = probe;
  for (const g of ${JSON.stringify(TABS.map((t) => t.global))}) {
    let value;
    Object.defineProperty(window, g, {
      configurable: true,
      get: () => value,
      set: (v) => {
        value = v;
        const done = () => setTimeout(() => {
          const now = performance.now();
          (probe.painted[g] ??= []).push({ seq: v && v.seq, at: now });
          for (const w of probe.waiters.splice(0)) w();
        }, 0);
        if (inFrame) done(); else raf(done);
      },
    });
  }
})();`;

function gzipOf(url) {
  const rel = decodeURIComponent(new URL(url).pathname).replace(/^\//, '') || 'index.html';
  const file = path.join(DIR, rel.endsWith('/') ? `${rel}index.html` : rel);
  const body = readFileSync(file);
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const median = (xs) => pct(xs, 50);
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const ms = (x) => `${Math.round(x)} ms`;

async function oneLoad(browser, baseUrl, t) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await page.goto(`${baseUrl}#${t.tab}`, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction((g) => (window.__benchProbe.painted[g] ?? []).length > 0, t.global, { timeout: 60_000 });
  const m = await page.evaluate((g) => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    results: window.__benchProbe.painted[g][0].at,
    resources: [
      { name: location.href, end: performance.getEntriesByType('navigation')[0].responseEnd },
      ...performance.getEntriesByType('resource').map((r) => ({ name: r.name, end: r.responseEnd })),
    ],
  }), t.global);
  let beforePaint = 0;
  let beforeResults = 0;
  const files = [];
  for (const r of m.resources) {
    if (!r.name.startsWith(baseUrl)) continue;
    const { gzip } = gzipOf(r.name);
    if (r.end <= m.fcp) beforePaint += gzip;
    if (r.end <= m.results) beforeResults += gzip;
    files.push({ name: r.name.slice(baseUrl.length) || 'index.html', gzip, end: r.end });
  }
  return { context, page, fcp: m.fcp, results: m.results, beforePaint, beforeResults, files };
}

async function edits(page, t) {
  const field = await t.field(page).elementHandle();
  const times = [];
  for (let i = 0; i < EDITS; i += 1) {
    const current = await field.evaluate((el) => el.value);
    const value = t.value(i, current);
    const dt = await page.evaluate(async ([el, v, g]) => {
      const probe = window.__benchProbe;
      const seen = (probe.painted[g] ?? []).length;
      const t0 = performance.now();
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => ((probe.painted[g] ?? []).length > seen ? resolve() : probe.waiters.push(check));
        check();
      });
      return probe.painted[g][seen].at - t0;
    }, [field, value, t.global]);
    times.push(dt);
  }
  return times;
}

async function main() {
  const { proc: server, url: baseUrl } = await startServer(DIR);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const rows = [];
  try {
    for (const t of TABS) {
      const loads = [];
      let last;
      for (let i = 0; i < LOADS; i += 1) {
        const l = await oneLoad(browser, baseUrl, t);
        loads.push(l);
        if (i < LOADS - 1) await l.context.close();
        else last = l;
      }
      const editTimes = await edits(last.page, t);
      await last.context.close();
      const row = {
        tab: t.tab,
        fcp: median(loads.map((l) => l.fcp)),
        results: median(loads.map((l) => l.results)),
        beforePaint: median(loads.map((l) => l.beforePaint)),
        beforeResults: median(loads.map((l) => l.beforeResults)),
        p50: pct(editTimes, 50),
        p95: pct(editTimes, 95),
        files: last.files,
      };
      rows.push(row);
      process.stderr.write(`${t.tab}: ${JSON.stringify({ ...row, files: undefined })}\n`);
    }
  } finally {
    await browser.close();
    server.kill();
  }
  console.log(`Chromium headless, ${LOADS} fresh loads and ${EDITS} edits per tab (medians of the loads)\n`);
  console.log('| tab | gzip before first paint | first paint | gzip before results | results painted | edit → paint p50 / p95 |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.tab} | ${kb(r.beforePaint)} | ${ms(r.fcp)} | ${kb(r.beforeResults)} | ${ms(r.results)} | ${ms(r.p50)} / ${ms(r.p95)} |`);
  }
  console.log('\nFiles of the last load of each tab (gzip -9, response end):');
  for (const r of rows) {
    console.log(`- ${r.tab}: ${r.files.map((f) => `${f.name} ${kb(f.gzip)} @${ms(f.end)}`).join(', ')}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
