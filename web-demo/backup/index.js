// drplan demo, "Backup plan" tab: for backup administrators. Paste or pick an AWS Backup plan in any
// shape (get-backup-plan output, create-backup-plan input, CloudFormation JSON/YAML, Organizations
// policy); the drplan core (`lintBackupPlan`, WebAssembly) says what AWS would say, finding by
// finding, each one shown in the text it is about. Every rule's next runs come from
// `scheduleRuns` and `cronSummary`; the plan can be exported back with `exportBackupPlan`. Below,
// what the plan holds and bills over time for one resource (simulate.js).

import { lintBackupPlan, scheduleRuns, cronSummary, exportBackupPlan } from '../pkg/drplan_wasm.js';
import { toError } from '../shared/engine.js';
import { DEFAULT_DOCUMENT, presetList, presetDocument } from './defaults.js';
import { CodeEditor, markersFor } from './editor.js';
import { indexDocument, locate, lineCol, offsetOf, guessFormat } from './locate.js';
import { renderVerdict, renderFindings, renderPlans, RULE_DEFAULTS } from './results.js';
import { h } from '../shared/format.js';
import { RESOURCE_TYPES, simulationArgs, runSimulation, renderSimulation } from './simulate.js';
import { Debounce } from '../shared/timers.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 30;
const NEXT_RUNS = 5;

const resultsEl = $('b-results');
const errorsEl = $('b-errors');
const presetEl = /** @type {HTMLSelectElement} */ ($('b-preset'));
const nowEl = /** @type {HTMLInputElement} */ ($('b-now'));
const shapeEl = /** @type {HTMLSelectElement} */ ($('b-export-shape'));
const exportPlanEl = /** @type {HTMLSelectElement} */ ($('b-export-plan'));
const simPlanEl = /** @type {HTMLSelectElement} */ ($('b-sim-plan'));
const simEls = {
  error: $('b-sim-error'), out: $('b-sim-out'), steady: $('b-sim-steady'), inventory: $('b-inventory-chart'),
  inventoryLegend: $('b-inventory-legend'), rpo: $('b-rpo'), coverage: $('b-coverage'), notes: $('b-sim-notes'),
  costError: $('b-cost-error'), cost: $('b-cost'), costChart: $('b-cost-chart'), costLegend: $('b-cost-legend'),
  breakdown: $('b-cost-breakdown'), costNotes: $('b-cost-notes'),
  rtError: $('b-rt-error'), rtSummary: $('b-rt-summary'), rtCost: $('b-rt-cost'),
};
const statusEl = $('b-editor-status');
let editor; // the CodeEditor, made by mount()

let lastGood = null; // {document, lint} of the last document the core could read
let lastError = null;
let located = []; // where each finding of lastGood sits in the current text
let simCache = { key: null, run: null }; // the last simulation's inputs (JSON) and answer
let seq = 0;
let published = null; // the last computation's inputs and answers (window.__drplanBackup)
let pendingPlans = null; // plan choices of a link, applied once the plans are listed
let hooks = { changed: () => {} };
const timer = new Debounce(compute, DEBOUNCE_MS);

/** The current time, to the second, as RFC 3339 UTC. */
function currentTime() {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

// ---- Computing ---------------------------------------------------------------------------------

/** Next runs and worst-case gap of every rule, from `from`. */
function computeSchedules(plans, from) {
  const out = [];
  plans.forEach((plan, planIndex) => plan.rules.forEach((rule, ruleIndex) => {
    const expression = rule.schedule_expression ?? RULE_DEFAULTS.schedule_expression;
    const timeZone = rule.schedule_expression_timezone ?? null;
    let options = null;
    if (rule.start_window_minutes != null || rule.completion_window_minutes != null) {
      options = {};
      if (rule.start_window_minutes != null) options.start_window_minutes = rule.start_window_minutes;
      if (rule.completion_window_minutes != null) options.completion_window_minutes = rule.completion_window_minutes;
    }
    const s = {
      planIndex, ruleIndex, plan: plan.name, rule: rule.name, expression, time_zone: timeZone,
      defaulted: rule.schedule_expression == null, options, optionsDropped: false,
      runs: null, error: null, summary: null, summaryError: null, fromError: false,
    };
    const run = () => scheduleRuns(expression, timeZone, from, null, NEXT_RUNS, s.options);
    try {
      s.runs = run();
    } catch (e) {
      const err = toError(e);
      // Invalid windows are findings already: still list the runs, without window ends.
      if (s.options && err.issues.every((i) => i.input === 'options')) {
        s.options = null;
        s.optionsDropped = true;
        try {
          s.runs = run();
        } catch (e2) {
          s.error = toError(e2);
        }
      } else {
        s.error = err;
      }
    }
    try {
      s.summary = cronSummary(expression, timeZone, from, null);
    } catch (e) {
      s.summaryError = toError(e);
    }
    s.fromError = [s.error, s.summaryError].some((x) => x?.issues.some((i) => i.input === 'from'));
    out.push(s);
  }));
  return out;
}

function compute() {
  timer.cancel();
  const doc = editor.value;
  const from = nowEl.value.trim();
  let lint = null;
  let error = null;
  try {
    lint = lintBackupPlan(doc);
  } catch (e) {
    error = toError(e);
  }
  lastError = error;
  if (lint) lastGood = { document: doc, lint };
  resultsEl.hidden = !lastGood;
  resultsEl.classList.toggle('stale', !!error && !!lastGood);

  if (lint) {
    renderVerdict($('b-verdict'), $('b-verdict-text'), $('b-shape'), lint);
    locateFindings();
    renderFindings($('b-findings'), $('b-findings-count'), lint.issues, located, pickFinding);
    fillExportPlans(lint.parsed.plans);
    fillPlanSelect(simPlanEl, $('b-sim-plan-field'), lint.parsed.plans);
  }
  showErrors(error);

  const plans = lastGood?.lint.parsed.plans ?? [];
  const schedules = computeSchedules(plans, from);
  renderPlans($('b-plans'), plans, schedules);
  showFromError(schedules.find((s) => s.fromError));
  const exported = renderExport();
  const simulation = computeSimulation(from);

  seq += 1;
  // For tests and the curious: the last input and outputs, exactly as passed to / returned by the core.
  published = { document: doc, lint, error, from, schedules, exported, simulation, seq };
  window.__drplanBackup = published;
  hooks.changed();
}

/** Where each finding of the last good lint sits in the current text, and the gutter markers. */
function locateFindings() {
  if (!lastGood) return;
  const text = editor.value;
  const format = lastGood.document === text ? lastGood.lint.parsed.format : guessFormat(text);
  const index = indexDocument(text, format);
  located = lastGood.lint.issues.map((issue) => {
    const loc = locate(text, issue.path, format, index);
    return { ...loc, line: lineCol(text, loc.start).line, severity: issue.severity };
  });
  const markers = markersFor(located);
  const syntax = syntaxLocation(lastError);
  if (syntax) markers.set(lineCol(text, syntax).line, 'error');
  editor.setMarkers(markers);
}

function pickFinding(i) {
  const issue = lastGood?.lint.issues[i];
  if (!issue) return;
  const text = editor.value;
  const format = lastGood.document === text ? lastGood.lint.parsed.format : guessFormat(text);
  const loc = locate(text, issue.path, format);
  editor.highlight(loc.start, loc.end, loc.exact ? 'exact' : 'ancestor');
  for (const li of document.querySelectorAll('#b-findings .b-finding')) li.classList.toggle('active', li.dataset.index === String(i));
  const { line, col } = lineCol(text, loc.start);
  statusEl.replaceChildren(
    h('span', { class: `sev-dot sev-${issue.severity}` }), ' ',
    h('code', {}, issue.code), ` at line ${line + 1}, column ${col + 1}`,
    ...(loc.exact ? [] : [': not in the text as such; showing where it belongs, ', h('code', {}, loc.found || '(the document)')]),
  );
}

// ---- The document's own errors (it could not be read) --------------------------------------------

/** The offset a syntax error names ("… at line 5 column 3 …"), or null. */
function syntaxLocation(error) {
  const issue = error?.issues.find((i) => /_syntax$/.test(i.code)) ?? (error?.code === 'invalid_json' ? error.issues[0] : null);
  const m = issue && /line (\d+) column (\d+)/.exec(issue.message);
  return m ? offsetOf(editor.value, Number(m[1]), Number(m[2])) : null;
}

function showErrors(error) {
  if (!error) {
    errorsEl.hidden = true;
    errorsEl.replaceChildren();
    if (!lastGood) editor.setMarkers(new Map());
    return;
  }
  const at = syntaxLocation(error);
  if (at !== null) {
    const markers = lastGood ? markersFor(located) : new Map();
    markers.set(lineCol(editor.value, at).line, 'error');
    editor.setMarkers(markers);
  }
  errorsEl.hidden = false;
  errorsEl.replaceChildren(...[
    h('h2', {}, 'The document could not be read ', h('code', { class: 'call-code', title: error.message }, error.code)),
    h('ul', {}, error.issues.map((issue) => h('li', {},
      h('code', {}, issue.code), ' ', issue.message,
      issue.hint ? h('span', { class: 'hint' }, ` — ${issue.hint}`) : null,
      at !== null && /_syntax$|^invalid_json$/.test(issue.code)
        ? [' ', h('button', {
          type: 'button',
          class: 'link',
          onclick: () => {
            const end = Math.min(editor.value.length, at + 1);
            editor.highlight(at, end, 'syntax');
            const { line, col } = lineCol(editor.value, at);
            statusEl.textContent = `Syntax error at line ${line + 1}, column ${col + 1}`;
          },
        }, 'Show in the editor')]
        : null))),
    lastGood ? h('p', { class: 'stale-note' }, 'The results below are for the last document that could be read.') : null,
  ].filter(Boolean));
}

function showFromError(s) {
  const el = $('b-now-error');
  const err = s ? (s.error?.issues.some((i) => i.input === 'from') ? s.error : s.summaryError) : null;
  el.hidden = !err;
  nowEl.toggleAttribute('aria-invalid', !!err);
  if (err) {
    const issue = err.issues.find((i) => i.input === 'from') ?? err.issues[0];
    el.replaceChildren(h('code', {}, issue.code), ' ', issue.message, issue.hint ? h('span', { class: 'hint' }, ` — ${issue.hint}`) : null);
  } else {
    el.replaceChildren();
  }
}

// ---- Export ------------------------------------------------------------------------------------

function fillPlanSelect(select, field, plans) {
  const keep = pendingPlans?.[select.id] ?? select.value;
  if (pendingPlans) delete pendingPlans[select.id];
  select.replaceChildren(...plans.map((p, i) => h('option', { value: String(i) }, p.name || `plan ${i + 1}`)));
  select.value = Number(keep) < plans.length ? keep : '0';
  field.hidden = plans.length < 2;
}

function fillExportPlans(plans) {
  fillPlanSelect(exportPlanEl, $('b-export-plan-field'), plans);
}

// ---- Recovery points, RPO and cost over time ------------------------------------------------------

function computeSimulation(from) {
  const section = $('b-sim');
  const parsed = lastGood?.lint.parsed;
  section.hidden = !parsed?.plans.length;
  if (!parsed?.plans.length) return null;
  const form = {
    type: $('b-sim-type').value,
    size: $('b-sim-size').value.trim(),
    change: $('b-sim-change').value.trim(),
    region: $('b-sim-region').value,
    years: $('b-sim-years').value,
    rtSchedule: $('b-rt-schedule').value,
    rtAlgorithm: $('b-rt-algorithm').value,
    rtWindow: $('b-rt-window').value.trim(),
  };
  const args = simulationArgs(parsed, Number(simPlanEl.value) || 0, form, from);
  // Edits elsewhere (export shape, a "now" within the same day, a finding clicked) leave the
  // simulation's inputs as they were: reuse its answer instead of simulating again.
  const key = JSON.stringify(args);
  if (key !== simCache.key) {
    simCache = { key, run: runSimulation(args) };
    renderSimulation(simEls, simCache.run);
  }
  return simCache.run;
}

function renderExport() {
  const out = $('b-export');
  const errEl = $('b-export-error');
  const plan = lastGood?.lint.parsed.plans[Number(exportPlanEl.value) || 0];
  const shape = shapeEl.value;
  let text = null;
  let error = null;
  if (plan) {
    try {
      text = exportBackupPlan(plan, shape).text;
    } catch (e) {
      error = toError(e);
    }
  }
  out.textContent = text ?? '';
  out.hidden = text === null;
  $('b-copy').disabled = text === null;
  errEl.hidden = !error;
  errEl.replaceChildren(...(error
    ? [h('code', {}, error.issues[0].code), ' ', error.issues[0].message]
    : []));
  if (!plan && lastGood) {
    errEl.hidden = false;
    errEl.textContent = 'The document holds no plan to export.';
  }
  return { plan: plan?.name ?? null, shape, text, error };
}

async function copyExport() {
  const text = $('b-export').textContent;
  const note = $('b-copied');
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (insecure context, permission): copy through a selected field instead.
    const ta = h('textarea', { class: 'visually-hidden', readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
  note.textContent = 'Copied';
  setTimeout(() => { note.textContent = ''; }, 2000);
}

// ---- Start -------------------------------------------------------------------------------------

function load(text) {
  editor.value = text;
  statusEl.textContent = '';
  compute();
}

const SIM_FIELDS = {
  type: 'b-sim-type', size: 'b-sim-size', change: 'b-sim-change', region: 'b-sim-region', years: 'b-sim-years',
  rtSchedule: 'b-rt-schedule', rtAlgorithm: 'b-rt-algorithm', rtWindow: 'b-rt-window',
};

/** The inputs a link carries (see shared/link.js). */
function inputs() {
  const simulation = Object.fromEntries(Object.entries(SIM_FIELDS).map(([k, id]) => [k, $(id).value]));
  return {
    document: editor.value, now: nowEl.value,
    export: { shape: shapeEl.value, plan: exportPlanEl.value }, simulation: { plan: simPlanEl.value, ...simulation },
  };
}

function restore(inputs) {
  if (typeof inputs?.document !== 'string') throw new Error('not a Backup plan link');
  editor.value = inputs.document;
  presetEl.value = editor.value === DEFAULT_DOCUMENT ? 'default' : '';
  if (typeof inputs.now === 'string') nowEl.value = inputs.now;
  if (inputs.export?.shape) shapeEl.value = inputs.export.shape;
  for (const [k, id] of Object.entries(SIM_FIELDS)) if (typeof inputs.simulation?.[k] === 'string') $(id).value = inputs.simulation[k];
  pendingPlans = { 'b-export-plan': inputs.export?.plan, 'b-sim-plan': inputs.simulation?.plan };
}

/**
 * Set the tab up; the page calls `start` when the tab is first shown with the engine loaded, and
 * `hooks.changed()` is told after every computation (the page writes the link then).
 */
export function mount(pageHooks = hooks) {
  hooks = pageHooks;
  editor = new CodeEditor(/** @type {HTMLTextAreaElement} */ ($('b-editor')), $('b-backdrop'), $('b-gutter'));
  presetEl.replaceChildren(
    h('option', { value: '', disabled: true }, 'Your own document (edited)'),
    ...presetList.map((p) => h('option', { value: p.id }, p.label)),
  );
  presetEl.value = 'default';
  presetEl.addEventListener('change', () => {
    if (presetEl.value) load(presetDocument(presetEl.value));
  });
  editor.value = DEFAULT_DOCUMENT;
  editor.textarea.addEventListener('input', () => {
    presetEl.value = '';
    statusEl.textContent = '';
    for (const li of document.querySelectorAll('#b-findings .b-finding.active')) li.classList.remove('active');
    timer.schedule();
  });
  nowEl.value = currentTime();
  nowEl.addEventListener('input', () => timer.schedule());
  $('b-now-reset').addEventListener('click', () => {
    nowEl.value = currentTime();
    compute();
  });
  shapeEl.addEventListener('change', compute);
  $('b-sim-type').replaceChildren(...RESOURCE_TYPES.map((t) => h('option', { value: t }, t)));
  for (const id of ['b-sim-plan', 'b-sim-type', 'b-sim-years', 'b-rt-schedule', 'b-rt-algorithm']) $(id).addEventListener('change', compute);
  for (const id of ['b-sim-size', 'b-sim-change', 'b-sim-region', 'b-rt-window']) $(id).addEventListener('input', () => timer.schedule());
  exportPlanEl.addEventListener('change', compute);
  $('b-copy').addEventListener('click', copyExport);
  // "Assess my workload with this plan": the document, as typed, becomes the Strategies tab's
  // workload.backup_plan (any shape the core reads).
  const assess = $('b-assess');
  if (hooks.open) {
    assess.addEventListener('click', () => hooks.open('strategies', (current) => ({
      ...current, workload: { ...current.workload, backup_plan: editor.value },
    })));
  } else {
    assess.hidden = true;
  }
  return {
    loading: $('b-loading'),
    start: compute,
    inputs,
    restore,
    result: () => published && { ...published, seq: undefined },
    charts: [
      { name: 'inventory', label: 'Recovery points chart', el: () => $('b-inventory-chart') },
      { name: 'cost', label: 'Cost chart', el: () => $('b-cost-chart') },
    ],
  };
}
