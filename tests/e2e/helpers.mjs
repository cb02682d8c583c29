// Shared by the browser tests: the local server for web-demo/, Chromium (Debian's, driven by
// playwright-core) with the flags an offline machine needs, the wasm package loaded in Node, the
// hooks that open and close the demo around a test file, and waiting for the page's next
// computation. Not a test file itself (no `.test.` in its name).

import { before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import * as drplan from '../../web-demo/pkg/drplan_wasm.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const demoDir = path.join(root, 'web-demo');
export const shots = path.join(here, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The tests run without internet: keep Chromium from calling home.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const STEP_MS = 15_000;

/** The drplan core in Node, from the same wasm package the page loads. */
export function loadCore() {
  if (!existsSync(path.join(demoDir, 'pkg/drplan_wasm.js'))) {
    throw new Error('web-demo/pkg/ is missing: build the wasm package first');
  }
  drplan.initSync({ module: readFileSync(path.join(demoDir, 'pkg/drplan_wasm_bg.wasm')) });
  return drplan;
}

/** Start `python3 -m http.server` for `dir` on a free port (port 0: the OS picks it; the server prints it). */
export function startServer(dir = demoDir) {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error('http.server did not start within 10 s'));
    }, 10_000);
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: `http://127.0.0.1:${m[1]}/` });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`http.server exited with ${code}: ${out}`));
    });
  });
}

/**
 * The server, Chromium and one page at 1440 × 1000. `pageErrors` collects uncaught errors and
 * console errors; `close()` stops Chromium and the server.
 */
export async function openDemo() {
  loadCore();
  mkdirSync(shots, { recursive: true });
  const { proc: server, url: baseUrl } = await startServer();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
  } catch (e) {
    server.kill();
    throw e;
  }
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(STEP_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`);
  });
  const close = async () => {
    await browser?.close().catch(() => {});
    if (server.exitCode === null) server.kill();
  };
  return { baseUrl, page, pageErrors, close };
}

// The open demo of the running test file (node runs each test file in its own process); set by
// useDemo's hook before the file's tests run, read by them through these live bindings.
export let baseUrl;
export let page;
export let pageErrors;

/**
 * Open the demo before the test file's tests (`baseUrl`, `page`, `pageErrors` above) and close it
 * after them. For the tab whose computations the page publishes as `window[global]`:
 * `waitForResult(since, pred)` (see below) and `text(testid)` (see textOf).
 */
export function useDemo(global) {
  let demo;
  before(async () => {
    demo = await openDemo();
    ({ baseUrl, page, pageErrors } = demo);
  }, { timeout: 60_000 });
  after(async () => {
    await demo?.close();
  });
  return {
    waitForResult: (since, pred) => waitForResult(page, global, since, pred),
    text: (testid) => textOf(page, testid),
  };
}

/**
 * Wait until the page has finished a computation newer than `since` that satisfies `pred` (an
 * expression over `d`, the page's `window[global]`); returns that computation's `seq`.
 */
export async function waitForResult(page, global, since, pred = 'true') {
  await page.waitForFunction(
    ([g, s, p]) => {
      const d = window[g];
      // eslint-disable-next-line no-new-func
      return d && d.seq > s && new Function('d', `return (${p});`)(d);
    },
    [global, since, pred],
    { timeout: STEP_MS },
  );
  return page.evaluate((g) => window[g].seq, global);
}

/** The trimmed text of the element with this `data-testid`. */
export async function textOf(page, testid) {
  return (await page.getByTestId(testid).textContent({ timeout: STEP_MS }))?.trim();
}

