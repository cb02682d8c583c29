// drplan demo: the page. Four tabs, one per question the drplan core answers; each tab's folder
// sets it up (`mount`) and computes once the engine (WebAssembly, loaded once for all) is ready.
// Only the tab in view computes: the others compute when first opened. The URL fragment names the
// tab and, once they differ from the tab's defaults, its inputs (shared/link.js), so a link
// reproduces the view.

import { version } from './pkg/drplan_wasm.js';
import { engineReady } from './shared/engine.js';
import { setupTabs } from './shared/tabs.js';
import { parseFragment, decodeInputs, linkTo } from './shared/link.js';
import { shareBar } from './shared/share.js';
import { mount as mountStrategies } from './strategies/index.js';
import { mount as mountMigration } from './migration/index.js';
import { mount as mountBackup } from './backup/index.js';
import { mount as mountRetention } from './retention/index.js';

const $ = (id) => document.getElementById(id);
const LINK_DELAY_MS = 300;

const tabs = {};
const defaults = {}; // each tab's inputs as mounted, JSON: a fragment holds only inputs that differ
const started = new Set();
let engine = 'loading';
let current = null;
let linkTimer = 0;

/** Write the fragment of the tab in view: its name, and its inputs when they are not the defaults. */
async function writeFragment() {
  const name = current;
  const inputs = tabs[name].inputs();
  const href = await linkTo(name, JSON.stringify(inputs) === defaults[name] ? null : inputs);
  if (name === current) history.replaceState(null, '', href);
}

function changed(name) {
  if (name !== current) return;
  clearTimeout(linkTimer);
  linkTimer = setTimeout(writeFragment, LINK_DELAY_MS);
}

function startTab(name) {
  if (engine !== 'ready' || started.has(name)) return;
  started.add(name);
  const t = tabs[name];
  t.loading.hidden = true;
  t.start();
}

function selected(name) {
  current = name;
  startTab(name);
  if (started.has(name)) changed(name);
}

async function main() {
  const link = parseFragment(location.hash);
  const mounts = { strategies: mountStrategies, migration: mountMigration, backup: mountBackup, retention: mountRetention };
  for (const [name, mount] of Object.entries(mounts)) {
    const t = mount({ changed: () => changed(name) });
    tabs[name] = t;
    defaults[name] = JSON.stringify(t.inputs());
    t.share = shareBar(t.loading.parentElement, {
      tab: name, link: () => linkTo(name, t.inputs()), result: t.result, charts: t.charts,
    });
  }
  // The inputs of a shared link, before the tab first computes.
  if (link.data && tabs[link.tab]) {
    try {
      tabs[link.tab].restore(await decodeInputs(link.data));
    } catch (e) {
      tabs[link.tab].share.note.textContent = `This link's inputs could not be read (${e.message}); showing the defaults.`;
    }
  }
  setupTabs($('tabs'), selected);
  // A link to a tab opened in this page (pasted in the address bar, followed from elsewhere): load
  // it afresh, as in a new page. The fragments the page writes itself do not fire this event.
  window.addEventListener('hashchange', () => {
    if (tabs[parseFragment(location.hash).tab]) location.reload();
  });
  try {
    await engineReady;
  } catch (e) {
    for (const { loading } of Object.values(tabs)) {
      loading.hidden = false;
      loading.textContent = `The drplan engine (WebAssembly) could not be loaded: ${e.message}`;
      loading.classList.add('failed');
    }
    return;
  }
  engine = 'ready';
  $('version').textContent = `v${version()}`;
  startTab(current);
}

main();
