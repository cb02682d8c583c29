// drplan demo: the page. Five tabs, one per question the drplan core answers (Estate: question 3 for an organization); each tab's folder
// sets it up (`mount`) and computes once the engine (WebAssembly, loaded once for all) is ready.
// Only the tab in view is loaded and computes: the others' modules load, mount and compute when
// first opened. The URL fragment names the tab and, once they differ from the tab's defaults, its
// inputs (shared/link.js), so a link reproduces the view.

import { version } from './pkg/drplan_wasm.js';
import { engineReady } from './shared/engine.js';
import { setupTabs } from './shared/tabs.js';
import { parseFragment, decodeInputs, linkTo } from './shared/link.js';
import { shareBar } from './shared/share.js';

const $ = (id) => document.getElementById(id);
const LINK_DELAY_MS = 300;

const LOADERS = {
  strategies: () => import('./strategies/index.js'),
  migration: () => import('./migration/index.js'),
  backup: () => import('./backup/index.js'),
  retention: () => import('./retention/index.js'),
  estate: () => import('./estate/index.js'),
};
const link = parseFragment(location.hash);
const tabs = {}; // name → the mounted tab: {loading, start, inputs, restore, result, charts, share}
const mounting = {}; // name → the promise of its mount
const defaults = {}; // each tab's inputs as mounted, JSON: a fragment holds only inputs that differ
const started = new Set();
let engine = 'loading';
let engineError = null;
let current = null;
let linkTimer = 0;

/** Write the fragment of the tab in view: its name, and its inputs when they are not the defaults. */
async function writeFragment(name) {
  if (name !== current || !tabs[name]) return;
  const inputs = tabs[name].inputs();
  const href = await linkTo(name, JSON.stringify(inputs) === defaults[name] ? null : inputs);
  if (name === current) history.replaceState(null, '', href);
}

function changed(name) {
  if (name !== current) return;
  clearTimeout(linkTimer);
  linkTimer = setTimeout(() => writeFragment(name), LINK_DELAY_MS);
}

/** Load the tab's modules and set it up (once); a shared link's inputs are restored here. */
function mountTab(name) {
  mounting[name] ??= LOADERS[name]().then(async ({ mount }) => {
    const t = mount({ changed: () => changed(name), open: openTab });
    defaults[name] = JSON.stringify(t.inputs());
    t.share = shareBar(t.loading.parentElement, {
      tab: name, link: () => linkTo(name, t.inputs()), result: t.result, charts: t.charts,
    });
    if (link.data && link.tab === name) {
      try {
        t.restore(await decodeInputs(link.data));
      } catch (e) {
        t.share.note.textContent = `This link's inputs could not be read (${e.message}); showing the defaults.`;
      }
    }
    tabs[name] = t;
    return t;
  });
  return mounting[name];
}

/**
 * Show tab `name` with the inputs `makeInputs(its current inputs)`: one click from one tab to
 * another (a strategy's backup plan into the Backup plan tab, a pasted plan into Strategies).
 */
async function openTab(name, makeInputs) {
  const t = await mountTab(name);
  t.restore(makeInputs(t.inputs()));
  const wasStarted = started.has(name);
  document.getElementById(`tab-${name}`).click();
  // A tab started before computes again with its new inputs; a new one computes when it starts.
  if (wasStarted) t.start();
}

function startTab(name) {
  const t = tabs[name];
  if (!t || started.has(name) || name !== current) return;
  if (engine === 'failed') {
    t.loading.textContent = `The drplan engine (WebAssembly) could not be loaded: ${engineError.message}`;
    t.loading.classList.add('failed');
    return;
  }
  if (engine !== 'ready') return;
  started.add(name);
  t.loading.hidden = true;
  t.start();
}

async function selected(name) {
  current = name;
  await mountTab(name);
  startTab(name);
  if (started.has(name)) changed(name);
}

async function main() {
  setupTabs($('tabs'), selected);
  // A link to a tab opened in this page (pasted in the address bar, followed from elsewhere): load
  // it afresh, as in a new page. The fragments the page writes itself do not fire this event.
  window.addEventListener('hashchange', () => {
    if (LOADERS[parseFragment(location.hash).tab]) location.reload();
  });
  try {
    await engineReady;
    engine = 'ready';
    $('version').textContent = `v${version()}`;
  } catch (e) {
    engine = 'failed';
    engineError = e;
  }
  startTab(current);
}

main();
