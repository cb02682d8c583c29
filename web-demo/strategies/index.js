// drplan demo, "Strategies" tab: describe a workload and targets, see every DR strategy assessed by
// the drplan core (WebAssembly) — side by side, on a timeline, every number explained.

import { assessStrategies, recoveryRunbook } from '../pkg/drplan_wasm.js';
import { toError } from '../shared/engine.js';
import { JsonEditor, parseObject } from '../shared/json-editor.js';
import { Debounce, onWidthChange } from '../shared/timers.js';
import { drawnWidth } from '../shared/svg.js';
import { defaultWorkload, defaultPolicy } from './defaults.js';
import { InputForm } from './form.js';
import { renderCards, recommended } from './results.js';
import { renderTimeline } from './chart.js';
import { explainFigure } from '../shared/explain.js';
import { fieldLink, renderIssueSummary } from '../shared/summary.js';
import { h, DISRUPTIONS, DISRUPTION_LABELS } from '../shared/format.js';
import { download } from '../shared/share.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 30;

const state = { workload: defaultWorkload(), policy: defaultPolicy() };
let lastGood = null; // the last assessment computed without error
let lastWorkload = null; // the workload it was computed from
let lastError = null;
let seq = 0;
const timer = new Debounce(compute, DEBOUNCE_MS);

let resultsEl;
let disruptionEl;
let form;
let json;
let hooks = { changed: () => {} };

// ---- Computing ---------------------------------------------------------------------------------

function compute() {
  timer.cancel();
  const workload = structuredClone(state.workload);
  const policy = structuredClone(state.policy);
  let assessment = null;
  let error = null;
  try {
    assessment = assessStrategies(workload, policy);
  } catch (e) {
    error = toError(e);
  }
  lastError = error;
  if (assessment) {
    lastGood = assessment;
    lastWorkload = workload;
    renderResults(assessment);
  }
  resultsEl.classList.toggle('stale', !!error && !!lastGood);
  const issues = error ? error.issues : assessment.issues;
  const anchors = form.showIssues(issues);
  showSummary(error ? issues : [], error, anchors);
  if (!error) renderAssumptions(assessment.issues, anchors);
  json.clear();
  seq += 1;
  // For tests and the curious: the last input and output, exactly as passed to / returned by the core.
  window.__drplan = { workload, policy, assessment, error, seq };
  hooks.changed();
}

// ---- Rendering ---------------------------------------------------------------------------------

function renderResults(a) {
  $('recommendation').textContent = a.recommendation;
  $('recommendation-box').classList.toggle('none-compliant', !a.cheapest_compliant);
  renderCards($('cards'), a);
  detailsModule().then(({ renderDetails }) => {
    if (a === lastGood) renderDetails($('details'), a, { onOpenPlan: hooks.open ? openPlan : null, onRunbook: downloadRunbook });
  });
  drawChart();
}

// The panels below the cards (details.js) and the hand-off to the Backup plan tab (handoff.js) load
// beside the engine, not before the first paint (tests/js/size-budget.test.mjs).
let details = null;
const detailsModule = () => (details ??= import('./details.js'));

/** "Download runbook (Markdown)": the strategy's recovery from one disruption, from the same workload. */
function downloadRunbook(s, disruption) {
  const spec = s.strategy === 'warm_standby' && s.standby_scale != null
    ? { strategy: s.strategy, standby_scale: s.standby_scale }
    : s.strategy;
  const rb = recoveryRunbook(structuredClone(lastWorkload), spec, disruption);
  download(`drplan-runbook-${s.strategy}-${disruption}.md`, 'text/markdown', rb.markdown);
}

/** "Open this backup plan in the Backup plan tab": the strategy's plan, exported, with its first resource. */
async function openPlan(s) {
  const { backupTabInputs } = await import('./handoff.js');
  hooks.open('backup', (current) => backupTabInputs(s.backup_plan, current));
}

function drawChart() {
  if (!lastGood) return;
  const a = lastGood;
  renderTimeline($('chart'), $('legend'), a, disruptionEl.value, {
    highlight: recommended(a),
    onPick: (name, metric) => {
      const s = a.strategies.find((x) => x.strategy === name);
      if (s) explainFigure(s, disruptionEl.value, metric);
    },
  });
}

function where(issue) {
  return `${issue.input ? `${issue.input} ` : ''}${issue.path || '(whole document)'}`;
}

/** The error summary above the results: the call's code, then every issue with a link to its field. */
function showSummary(issues, error, anchors) {
  renderIssueSummary($('errors'), {
    issues, error, anchors, where, noun: 'input',
    notes: [lastGood && 'The results below are for the last valid input.'],
  });
}

function renderAssumptions(issues, anchors) {
  $('assumption-count').textContent = String(issues.length);
  $('assumptions').replaceChildren(...issues.map((issue, i) => h('li', { class: `sev-${issue.severity}` },
    h('span', { class: 'sev' }, issue.severity), ' ',
    anchors[i] ? fieldLink(anchors[i], where(issue)) : h('code', {}, where(issue)), ' — ', issue.message)));
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- Start -------------------------------------------------------------------------------------

/**
 * Set the tab up; the page calls `start` when the tab is first shown with the engine loaded, and
 * `hooks.changed()` is told after every computation (the page writes the link then).
 */
export function mount(pageHooks = hooks) {
  hooks = pageHooks;
  resultsEl = $('results');
  disruptionEl = /** @type {HTMLSelectElement} */ ($('disruption'));
  form = new InputForm($('form-fields'), {
    getState: () => state,
    onEdit: () => {
      json.write();
      timer.schedule();
    },
  });
  // The JSON editor: one document {workload, policy}, in sync with the form.
  json = new JsonEditor({
    id: 'json',
    read: (text) => parseObject(text, (doc) => {
      if (!doc || !('workload' in doc) || !('policy' in doc)) return 'expected one object with two members: {"workload": {…}, "policy": {…}}';
      const extra = Object.keys(doc).filter((k) => k !== 'workload' && k !== 'policy');
      return extra.length ? `unexpected member${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}: only "workload" and "policy"` : null;
    }),
    current: () => ({ workload: state.workload, policy: state.policy }),
    apply: (doc) => {
      state.workload = doc.workload;
      state.policy = doc.policy;
      form.render();
      compute();
    },
    timer,
    showSummary,
    coreFailed: () => !!lastError,
  });
  $('reset').addEventListener('click', () => {
    state.workload = defaultWorkload();
    state.policy = defaultPolicy();
    json.reset();
    form.render();
    json.write();
    compute();
  });
  $('form').addEventListener('submit', (ev) => ev.preventDefault());
  for (const d of DISRUPTIONS) disruptionEl.append(h('option', { value: d }, DISRUPTION_LABELS[d]));
  disruptionEl.value = 'region';
  disruptionEl.addEventListener('change', () => {
    drawChart();
    hooks.changed();
  });
  form.render();
  json.write();
  detailsModule();
  onWidthChange($('chart'), drawChart, () => true, () => drawnWidth($('chart')));
  return {
    loading: $('loading'),
    start() {
      resultsEl.hidden = false;
      compute();
    },
    /** The inputs a link carries (see shared/link.js). */
    inputs: () => ({ workload: state.workload, policy: state.policy, disruption: disruptionEl.value }),
    restore(inputs) {
      if (!isObject(inputs?.workload) || !isObject(inputs.policy)) throw new Error('not a Strategies link');
      state.workload = inputs.workload;
      state.policy = inputs.policy;
      if (DISRUPTIONS.includes(inputs.disruption)) disruptionEl.value = inputs.disruption;
      form.render();
      json.write();
    },
    result: () => ({ workload: state.workload, policy: state.policy, assessment: lastGood, error: lastError }),
    charts: [{ name: 'timeline', label: 'Timeline', el: () => $('chart') }],
  };
}
