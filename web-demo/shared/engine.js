// The drplan engine (WebAssembly), loaded once for every tab: each tab awaits `engineReady`.
// (The package is imported through shared/wasm.js, see index.html's import map.)

import init from '../pkg/drplan_wasm.js';

export const engineReady = init();

/** A thrown core error as plain data: every DrplanError carries code and issues; anything else
 * (a bug) becomes one `internal` issue so the page can still show it. */
export function toError(e) {
  return {
    name: e?.name ?? 'Error',
    code: e?.code ?? 'internal',
    message: e?.message ?? String(e),
    issues: Array.isArray(e?.issues) && e.issues.length
      ? e.issues
      : [{ severity: 'error', code: e?.code ?? 'internal', input: null, path: '', message: e?.message ?? String(e), hint: null }],
  };
}
