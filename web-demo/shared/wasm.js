// The drplan engine as every tab imports it: the page's import map sends '../pkg/drplan_wasm.js'
// here. Each export of the wasm-bindgen package is forwarded to the current WebAssembly instance.
// No input should make the module trap, but if one ever does (a WebAssembly.RuntimeError, after
// which an instance's memory and stack cannot be trusted), that call throws a DrplanError with
// code `engine_trapped` (the tabs show it like any error) and the engine is replaced at once by a
// fresh instance of the same compiled module, so the next call works.

import * as first from '../pkg/drplan_wasm.js?instance=0';

let current = first; // the package module whose instance answers calls
let spare; // a fresh copy of the package module (not yet instantiated), for a synchronous swap
let compiled; // the compiled WebAssembly.Module
let copies = 0;
let restarts = 0;
let trapNext = null; // the export whose next call fails as a trap does (test hook)

function loadSpare() {
  const n = ++copies;
  return import(`../pkg/drplan_wasm.js?instance=${n}`).then((m) => { spare = m; });
}

/** Put a fresh instance in place of a trapped one (synchronous when the spare copy is loaded). */
function restart() {
  if (!spare || !compiled) return false;
  spare.initSync({ module: compiled });
  current = spare;
  spare = undefined;
  restarts += 1;
  loadSpare();
  return true;
}

function trapped(e) {
  const fresh = restart();
  const message = `The drplan engine stopped (${e.message}) and was ${fresh ? 'restarted' : 'not restarted yet'}: try again.`;
  const err = new Error(message);
  err.name = 'DrplanError';
  err.code = 'engine_trapped';
  err.issues = [{ severity: 'error', code: 'engine_trapped', input: null, path: '', message, hint: null }];
  return err;
}

const forward = (name) => (...args) => {
  try {
    if (trapNext === name) {
      trapNext = null;
      throw new WebAssembly.RuntimeError('unreachable (forced by engineTestHooks.trapNextCall)');
    }
    return current[name](...args);
  } catch (e) {
    throw e instanceof WebAssembly.RuntimeError ? trapped(e) : e;
  }
};

/** Load and instantiate the engine once (the package's default export, as `init()` is called). */
export default async function init() {
  if (!compiled) {
    const url = new URL('../pkg/drplan_wasm_bg.wasm', import.meta.url);
    compiled = await WebAssembly.compileStreaming(fetch(url)).catch(async () =>
      WebAssembly.compile(await (await fetch(url)).arrayBuffer()));
    first.initSync({ module: compiled });
    await loadSpare();
  }
  return current;
}

/** For the browser tests only: make the next call of export `name` fail as a trapping module does. */
export const engineTestHooks = {
  trapNextCall(name) { trapNext = name; },
  restarts: () => restarts,
};

export const initSync = (module) => first.initSync(module);
export const applyRetention = forward('applyRetention');
export const assessStrategies = forward('assessStrategies');
export const backupCost = forward('backupCost');
export const call = forward('call');
export const cheapestS3Lifecycle = forward('cheapestS3Lifecycle');
export const checkControls = forward('checkControls');
export const compareDrill = forward('compareDrill');
export const cronSummary = forward('cronSummary');
export const defaultPriceBook = forward('defaultPriceBook');
export const estimateRecovery = forward('estimateRecovery');
export const evaluateEstate = forward('evaluateEstate');
export const exportBackupPlan = forward('exportBackupPlan');
export const exportRestoreTestingPlan = forward('exportRestoreTestingPlan');
export const humanDuration = forward('humanDuration');
export const lintBackupPlan = forward('lintBackupPlan');
export const lintRestoreTestingPlan = forward('lintRestoreTestingPlan');
export const measureRestores = forward('measureRestores');
export const optimizeColdTransition = forward('optimizeColdTransition');
export const parseBackupPlan = forward('parseBackupPlan');
export const parseRestoreTestingPlan = forward('parseRestoreTestingPlan');
export const parseRetentionFlags = forward('parseRetentionFlags');
export const priceBook = forward('priceBook');
export const recoveryRunbook = forward('recoveryRunbook');
export const retentionFootprint = forward('retentionFootprint');
export const s3LifecycleCost = forward('s3LifecycleCost');
export const scheduleRuns = forward('scheduleRuns');
export const selectMigrationPath = forward('selectMigrationPath');
export const simulateBackupPlan = forward('simulateBackupPlan');
export const simulateRestoreTesting = forward('simulateRestoreTesting');
export const translateRetention = forward('translateRetention');
export const validateBackupPlan = forward('validateBackupPlan');
export const validateRestoreTestingPlan = forward('validateRestoreTestingPlan');
export const version = forward('version');
