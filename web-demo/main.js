// drplan demo: the page. Four tabs, one per question the drplan core answers; each tab's folder
// sets it up (`mount`) and computes once the engine (WebAssembly, loaded once for all) is ready.

import { version } from './pkg/drplan_wasm.js';
import { engineReady } from './shared/engine.js';
import { setupTabs } from './shared/tabs.js';
import { mount as mountStrategies } from './strategies/index.js';
import { mount as mountMigration } from './migration/index.js';
import { mount as mountBackup } from './backup/index.js';
import { mount as mountRetention } from './retention/index.js';

const $ = (id) => document.getElementById(id);

async function main() {
  setupTabs($('tabs'));
  const tabs = [mountStrategies, mountMigration, mountBackup, mountRetention].map((mount) => mount());
  try {
    await engineReady;
  } catch (e) {
    for (const { loading } of tabs) {
      loading.textContent = `The drplan engine (WebAssembly) could not be loaded: ${e.message}`;
      loading.classList.add('failed');
    }
    return;
  }
  $('version').textContent = `v${version()}`;
  for (const { loading, start } of tabs) {
    loading.hidden = true;
    start();
  }
}

main();
