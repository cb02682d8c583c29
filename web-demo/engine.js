// The drplan engine (WebAssembly), loaded once for every tab: each tab awaits `engineReady`.

import init from './pkg/drplan_wasm.js';

export const engineReady = init();
