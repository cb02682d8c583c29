// drplan demo, "Estate" tab: every resource against every plan (`evaluateEstate`): per-resource
// rows and roll-ups by account, Region, type, a tag key and plan. Nothing is computed here: the
// tables show the core's answer.

import { evaluateEstate } from '../pkg/drplan_wasm.js';
import { toError } from '../shared/engine.js';
import { Debounce } from '../shared/timers.js';
import { DEFAULT_ESTATE, DEFAULT_TAG } from './defaults.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 300;
const DISRUPTIONS = ['az', 'region', 'corruption', 'account_compromise'];

let hooks = { changed: () => {} };
let seq = 0;
let published = null;
const timer = new Debounce(compute, DEBOUNCE_MS);

const usd = (x) => (x === null || x === undefined ? '—' : `$${x.toFixed(2)}`);
function dur(s) {
  if (s === null || s === undefined) return '—';
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${(s / 3600).toFixed(1).replace(/\.0$/, '')} h`;
  return `${(s / 86400).toFixed(1).replace(/\.0$/, '')} d`;
}

function cell(tr, text, testid) {
  const td = document.createElement('td');
  td.textContent = text;
  if (testid) td.dataset.testid = testid;
  tr.append(td);
}

function table(el, head, rows) {
  el.replaceChildren();
  const thead = document.createElement('tr');
  for (const h of head) {
    const th = document.createElement('th');
    th.textContent = h;
    thead.append(th);
  }
  el.append(thead);
  for (const r of rows) el.append(r);
}

function rollupRows(list) {
  return list.map((r) => {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'estate-rollup-row';
    const u = r.unprotected;
    cell(tr, r.key);
    cell(tr, String(r.resources));
    cell(tr, String(r.protected));
    cell(tr, `${u.total} (no plan ${u.no_plan}, not opted in ${u.not_opted_in}, out of scope ${u.out_of_scope}, unsupported ${u.unsupported_type})`);
    cell(tr, `${r.protected_twice} (${usd(r.extra_monthly_usd)}/mo)`);
    for (const d of r.rpo) cell(tr, d.worst_seconds === null ? '—' : dur(d.worst_seconds));
    cell(tr, `${usd(r.monthly_usd)}${r.unpriced ? ` + ${r.unpriced} unpriced` : ''}`);
    return tr;
  });
}

const ROLLUP_HEAD = ['key', 'resources', 'protected', 'unprotected (why)', 'protected twice (extra)', 'worst RPO: AZ', 'Region', 'corruption', 'account', 'monthly'];

function render(out) {
  const t = out.totals;
  $('e-totals').textContent = `${t.resources} resources: ${t.protected} protected, ${t.unprotected.total} unprotected, `
    + `${t.protected_twice} protected twice (${usd(t.extra_monthly_usd)}/month extra); ${usd(t.monthly_usd)}/month; `
    + `${out.schedule_groups} schedule groups simulated.`;
  $('e-totals').dataset.monthly = String(t.monthly_usd);
  const groups = [['by account', out.by_account], ['by Region', out.by_region], ['by type', out.by_resource_type],
    ...out.by_tag.map((g) => [`by tag ${g.tag_key}`, g.values])];
  const wrap = $('e-rollups');
  wrap.replaceChildren();
  for (const [title, list] of groups) {
    const h = document.createElement('h3');
    h.textContent = title;
    const tbl = document.createElement('table');
    tbl.className = 'e-table';
    table(tbl, ROLLUP_HEAD, rollupRows(list));
    wrap.append(h, tbl);
  }
  table($('e-plans'), ['plan', 'resources', 'monthly', 'controls failed'], out.plans.map((p) => {
    const tr = document.createElement('tr');
    cell(tr, p.plan_id);
    cell(tr, String(p.resources));
    cell(tr, usd(p.monthly_usd));
    cell(tr, p.controls_error ?? (p.controls_non_compliant.join(', ') || 'none'));
    return tr;
  }));
  table($('e-resources'), ['resource', 'type', 'account', 'Region', 'plans / why not', ...DISRUPTIONS.map((d) => `RPO ${d.replace('_', ' ')}`), 'monthly'],
    out.resources.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.testid = 'estate-resource';
      tr.dataset.arn = r.arn;
      tr.dataset.protected = String(r.protected);
      cell(tr, r.arn);
      cell(tr, r.resource_type);
      cell(tr, r.account);
      cell(tr, r.region);
      cell(tr, r.protected ? r.plans.map((p) => p.plan_id).join(', ') : `${r.unprotected_reason}: ${r.why.join('; ')}`);
      for (const d of r.rpo) cell(tr, d.covered ? `${dur(d.worst_seconds)} (${d.by})` : 'not covered');
      cell(tr, usd(r.monthly_usd));
      return tr;
    }));
  $('e-notes').replaceChildren(...[...out.defaults.map((d) => `default ${d.name} = ${d.value} (${d.basis}, ${d.count}×): ${d.source}`),
    ...out.notes.map((n) => `${n.severity}: ${n.message}`)].map((s) => {
    const li = document.createElement('li');
    li.textContent = s;
    return li;
  }));
}

function compute() {
  timer.cancel();
  const text = $('e-estate').value;
  const tag = $('e-tag').value.trim();
  const options = { tag_keys: tag ? [tag] : [] };
  let estate = null;
  let result = null;
  let error = null;
  try {
    estate = JSON.parse(text);
    result = evaluateEstate(estate, null, options);
  } catch (e) {
    error = e instanceof SyntaxError ? { code: 'json', message: e.message, issues: [] } : toError(e);
  }
  $('e-error').hidden = !error;
  $('e-error').textContent = error ? `${error.message}${error.issues.length ? ` — ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : ''}` : '';
  $('e-output').hidden = !!error;
  if (result) render(result);
  seq += 1;
  // For tests and the curious: the inputs and the answer, exactly as passed to / returned by the core.
  published = { estate, options, result, error, seq };
  window.__drplanEstate = published;
  hooks.changed();
}

/** Set the tab up; the page calls `start` once the tab is shown with the engine loaded. */
export function mount(pageHooks = hooks) {
  hooks = pageHooks;
  $('e-estate').value = DEFAULT_ESTATE;
  $('e-tag').value = DEFAULT_TAG;
  for (const id of ['e-estate', 'e-tag']) $(id).addEventListener('input', () => timer.schedule(compute));
  return {
    loading: $('e-loading'),
    start() {
      $('e-results').hidden = false;
      compute();
    },
    inputs: () => ({ estate: $('e-estate').value, tag: $('e-tag').value }),
    restore(inputs) {
      if (typeof inputs?.estate !== 'string') throw new Error('not an Estate link');
      $('e-estate').value = inputs.estate;
      $('e-tag').value = typeof inputs.tag === 'string' ? inputs.tag : DEFAULT_TAG;
    },
    result: () => published && { ...published, seq: undefined },
    charts: [],
  };
}
