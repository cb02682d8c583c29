// drplan demo, "Migration" tab: a wizard for DBAs moving a database to Amazon RDS or Aurora.
// Describe the source, the target, the link and the constraints; the drplan core
// (`selectMigrationPath`, WebAssembly) ranks the feasible paths and explains every excluded one.

import { selectMigrationPath } from '../pkg/drplan_wasm.js';
import { toError } from '../shared/engine.js';
import { JsonEditor, parseObject } from '../shared/json-editor.js';
import { Debounce, onWidthChange } from '../shared/timers.js';
import { defaultScenario, presetList, presetScenario } from './defaults.js';
import { MigrationForm, STEPS } from './form.js';
import { renderMigration, renderHeadline, renderTransfer } from './results.js';
import { fieldLink, renderIssueSummary } from '../shared/summary.js';
import { h } from '../shared/format.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 30;

const state = { scenario: defaultScenario() };
let lastGood = null; // the last report computed without error
let lastError = null;
let seq = 0;
let redraw = () => {};
const timer = new Debounce(compute, DEBOUNCE_MS);

let resultsEl;
let presetEl;
let form;
let json;
let hooks = { changed: () => {} };

// ---- Examples ----------------------------------------------------------------------------------

function load(scenario) {
  state.scenario = scenario;
  json.reset();
  form.render();
  json.write();
  compute();
}

// ---- Computing ---------------------------------------------------------------------------------

function compute() {
  timer.cancel();
  const scenario = structuredClone(state.scenario);
  let report = null;
  let error = null;
  try {
    report = selectMigrationPath(scenario);
  } catch (e) {
    error = toError(e);
  }
  lastError = error;
  if (report) {
    lastGood = report;
    renderResults(report);
  }
  resultsEl.classList.toggle('stale', !!error && !!lastGood);
  const issues = error ? error.issues : report.warnings;
  const anchors = form.showIssues(issues);
  // An error call may carry warnings too: the summary lists the errors; the warnings stay inline.
  const errorsOnly = error ? issues.filter((i) => i.severity === 'error') : [];
  showSummary(errorsOnly, error, error ? anchors.filter((_, i) => issues[i].severity === 'error') : []);
  if (!error) renderWarnings(report.warnings, anchors);
  markSteps();
  json.clear();
  seq += 1;
  // For tests and the curious: the last input and output, exactly as passed to / returned by the core.
  window.__drplanMigration = { scenario, report, error, seq };
  hooks.changed();
}

// ---- Rendering ---------------------------------------------------------------------------------

function renderResults(report) {
  renderHeadline($('m-headline'), $('m-headline-title'), $('m-headline-text'), report);
  renderTransfer($('m-transfer'), report);
  redraw = renderMigration({
    paths: $('m-paths'),
    pathsCount: $('m-paths-count'),
    noPaths: $('m-no-paths'),
    excluded: $('m-excluded'),
    excludedCount: $('m-excluded-count'),
    phaseLegend: $('m-phase-legend'),
    assumptions: $('m-assumptions'),
    assumptionCount: $('m-assumption-count'),
  }, report);
  form.showAssumed(report.assumptions);
}

function where(issue) {
  return issue.path || '(whole scenario)';
}

/** The error summary above the results: the call's code, then every issue with a link to its field. */
function showSummary(issues, error, anchors) {
  renderIssueSummary($('m-errors'), {
    issues, error, anchors, where, noun: 'scenario',
    notes: [lastGood && 'The results below are for the last valid scenario.'],
  });
}

function renderWarnings(warnings, anchors) {
  const box = $('m-warnings');
  box.hidden = warnings.length === 0;
  $('m-warnings-list').replaceChildren(...warnings.map((w, i) => h('li', { class: `sev-${w.severity}` },
    anchors[i] ? fieldLink(anchors[i], where(w)) : h('code', {}, where(w)), ': ',
    h('code', {}, w.code), ' ', w.message, w.hint ? h('span', { class: 'hint' }, ` — ${w.hint}`) : null)));
}

/** The step list: a link per step, marked when one of its fields has an error. */
function renderSteps() {
  $('m-steps').replaceChildren(...STEPS.map(([id, title], i) => h('li', {},
    h('a', {
      href: `#${id}`,
      dataset: { step: id },
      onclick: (ev) => {
        ev.preventDefault();
        const section = document.getElementById(id);
        section?.scrollIntoView({ block: 'start', behavior: 'smooth' });
        section?.querySelector('input, select')?.focus({ preventScroll: true });
      },
    }, h('span', { class: 'step-no' }, String(i + 1)), h('span', { class: 'step-title' }, title)))),
  h('li', { class: 'to-results' }, h('a', {
    href: '#m-results-area',
    onclick: (ev) => {
      ev.preventDefault(); // keep #migration in the URL
      const area = $('m-results-area');
      area.scrollIntoView({ block: 'start', behavior: 'smooth' });
      area.focus({ preventScroll: true });
    },
  }, 'Results ↓')));
}

function markSteps() {
  const bad = form.stepErrors();
  STEPS.forEach(([id], i) => {
    const a = document.querySelector(`#m-steps [data-step="${id}"]`);
    a?.classList.toggle('has-error', bad[i]);
    if (bad[i]) a?.setAttribute('title', 'a field in this step has an error');
    else a?.removeAttribute('title');
  });
}

// ---- Start -------------------------------------------------------------------------------------

/**
 * Set the tab up; the page calls `start` when the tab is first shown with the engine loaded, and
 * `hooks.changed()` is told after every computation (the page writes the link then).
 */
export function mount(pageHooks = hooks) {
  hooks = pageHooks;
  resultsEl = $('m-results');
  presetEl = /** @type {HTMLSelectElement} */ ($('m-preset'));
  form = new MigrationForm($('m-form-fields'), {
    getState: () => state,
    onEdit: (structural) => {
      if (structural) form.render();
      presetEl.value = '';
      json.write();
      timer.schedule();
    },
  });
  // The JSON editor: one document, the scenario.
  json = new JsonEditor({
    id: 'm-json',
    read: (text) => parseObject(text, (doc) => (doc ? null : 'expected one object: {"source": {…}, "target": {…}, "network": {…}, …}')),
    current: () => state.scenario,
    apply: (doc) => {
      state.scenario = doc;
      presetEl.value = '';
      form.render();
      compute();
    },
    timer,
    showSummary,
    coreFailed: () => !!lastError,
  });
  presetEl.addEventListener('change', () => {
    if (presetEl.value) load(presetScenario(presetEl.value));
  });
  $('m-reset').addEventListener('click', () => {
    presetEl.value = 'default';
    load(defaultScenario());
  });
  $('m-form').addEventListener('submit', (ev) => ev.preventDefault());
  presetEl.replaceChildren(
    h('option', { value: '', disabled: true }, 'Your own scenario (edited)'),
    ...presetList.map((p) => h('option', { value: p.id }, p.label)),
  );
  presetEl.value = 'default';
  renderSteps();
  form.render();
  json.write();
  onWidthChange($('m-paths'), () => redraw());
  return {
    loading: $('m-loading'),
    start() {
      resultsEl.hidden = false;
      compute();
    },
    /** The inputs a link carries (see shared/link.js). */
    inputs: () => ({ scenario: state.scenario }),
    restore(inputs) {
      const s = inputs?.scenario;
      if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new Error('not a Migration link');
      state.scenario = s;
      presetEl.value = '';
      form.render();
      json.write();
    },
    result: () => ({ scenario: state.scenario, report: lastGood, error: lastError }),
    charts: [{ name: 'paths', label: 'Path timelines', el: () => $('m-paths') }],
  };
}
