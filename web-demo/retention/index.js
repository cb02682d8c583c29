// drplan demo, "Retention" tab: which snapshots a keep-policy keeps, and why, on a timeline. The
// policy is edited as fields or as restic/borg flags (`parseRetentionFlags`); the snapshots come
// from a cadence or are pasted; `applyRetention` (WebAssembly) answers for the chosen mode —
// restic 0.14, restic 0.16+, borg 1.2 or an AWS Backup lifecycle — and "compare modes" runs all
// four. `retentionFootprint` shows how many snapshots the cadence holds over a horizon.
// The inputs are form.js's, the computation compute.js's, the results render.js's.

import { PRESETS, PRESET_INPUTS, defaultState, dialectOf } from './defaults.js';
import { computeRetention } from './compute.js';
import { setupForm, renderInputs, showFlagsError, policyToFlags } from './form.js';
import { render } from './render.js';
import { Debounce, onWidthChange } from '../shared/timers.js';
import { drawnWidth } from '../shared/svg.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 30;

const tab = {
  state: defaultState(),
  flagsError: null, // the last parseRetentionFlags error, shown until the flags parse again
  flagsInfo: null, // ignored tokens and notes of the last successful parse
  last: null, // the last computation: {key, mode, snapshots, result}
  changes: null, // what the last mode switch changed: {from, to, added, dropped}
  selected: null, // the index of the snapshot whose details are shown
  footprintCache: { key: null, footprint: null, error: null },
};
let seq = 0;
let published = null; // the last computation's inputs and answers (window.__drplanRetention)
let hooks = { changed: () => {} };
const timer = new Debounce(compute, DEBOUNCE_MS);

/** An edit: recompute once edits pause; `before` (e.g. reading the flags) runs first, on the same timer. */
function edited(before) {
  tab.changes = null;
  timer.schedule(before ? () => {
    before();
    compute();
  } : compute);
}

function loadPreset(id) {
  if (id === 'default') {
    tab.state = defaultState();
  } else {
    const golden = PRESETS.find((p) => p[0] === id)[2];
    const [snapshots, policy, mode, now, tz] = structuredClone(PRESET_INPUTS[golden]);
    const base = defaultState();
    tab.state = {
      ...base, preset: id, mode, policy, source: 'paste', pasted: snapshots.join('\n'), now, time_zone: tz ?? '',
      flags: policyToFlags(policy, dialectOf(mode)), compare: true,
    };
  }
  tab.flagsError = null;
  tab.flagsInfo = null;
  tab.changes = null;
  tab.selected = null;
  tab.last = null;
  showFlagsError();
  renderInputs();
  compute();
}

function compute() {
  timer.cancel();
  const view = computeRetention(tab);
  if (tab.selected !== null && tab.selected >= view.snapshots.length) tab.selected = null;
  render(tab, view);
  seq += 1;
  const { snapshots, policy, mode, now, tz, result, error, compare, footprint, footprintError, footprintInput } = view;
  // For tests and the curious: the inputs and outputs, exactly as passed to / returned by the core.
  published = {
    snapshots, policy, mode, now, time_zone: tz, result, error, compare: tab.state.compare ? compare : null,
    footprint, footprint_error: footprintError, footprint_input: footprintInput,
    flags_error: tab.flagsError, seq,
  };
  window.__drplanRetention = published;
  hooks.changed();
}

/**
 * Set the tab up; the page calls `start` when the tab is first shown with the engine loaded, and
 * `hooks.changed()` is told after every computation (the page writes the link then).
 */
export function mount(pageHooks = hooks) {
  hooks = pageHooks;
  setupForm(tab, { edited, compute, loadPreset });
  onWidthChange($('r-timeline'), compute, () => !!tab.last, () => drawnWidth($('r-timeline')));
  renderInputs();
  return {
    loading: $('r-loading'),
    start() {
      $('r-results').hidden = false;
      compute();
    },
    /** The inputs a link carries (see shared/link.js). */
    inputs: () => ({ state: tab.state }),
    restore(inputs) {
      const s = inputs?.state;
      if (typeof s !== 'object' || s === null || typeof s.policy !== 'object' || typeof s.mode !== 'string') throw new Error('not a Retention link');
      const base = defaultState();
      const state = { ...base, ...inputs.state };
      state.cadence = { ...base.cadence, ...inputs.state?.cadence };
      tab.state = state;
      renderInputs();
    },
    result: () => published && { ...published, seq: undefined },
    charts: [
      { name: 'timeline', label: 'Timeline', el: () => $('r-timeline') },
      { name: 'modes', label: 'Modes chart', el: () => $('r-lanes') },
      { name: 'footprint', label: 'Footprint chart', el: () => $('r-fp-chart') },
    ],
  };
}
