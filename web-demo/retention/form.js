// The "Retention" tab's inputs: the policy as fields or as restic/borg flags (`parseRetentionFlags`
// fills the fields), the mode, the snapshots (a cadence or a paste), "now", the time zone and the
// footprint's horizon. Edits go to `tab.state`; the tab recomputes through the `edited` hook.

import { parseRetentionFlags } from '../pkg/drplan_wasm.js';
import { toError } from '../shared/engine.js';
import { h } from '../shared/format.js';
import {
  MODES, MODE_LABELS, KEEP_FIELDS, OTHER_FIELDS, UNITS, PATTERNS, HORIZONS, TIME_ZONES, PRESETS,
  dialectOf, modesOf,
} from './defaults.js';
import { buildSnapshots, cadenceSnapshots } from './compute.js';

const $ = (id) => document.getElementById(id);

let tab; // {state, flagsError, flagsInfo}: the tab's state, shared with index.js
let hooks; // {edited, compute, loadPreset}
let flagsEl;
let flagsErrEl;

// ---- The policy editor -------------------------------------------------------------------------

function parseCount(text, kind) {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^-?\d+$/.test(t)) return Number(t);
  if (kind === 'count' && t === 'unlimited') return t;
  return t; // the core says what is wrong with it
}

/** restic/borg flags for a policy (what the flags box shows after a field edit). */
export function policyToFlags(policy, dialect) {
  const out = [];
  for (const f of KEEP_FIELDS) {
    if (!dialect || !f.modes.some((m) => dialectOf(m) === dialect)) continue;
    if (policy[f.key] !== undefined) out.push(`--${f.key.replaceAll('_', '-')} ${policy[f.key]}`);
  }
  for (const k of Object.keys(OTHER_FIELDS)) {
    if (!k.startsWith('keep_') || policy[k] === undefined) continue;
    if (!OTHER_FIELDS[k].some((m) => dialectOf(m) === dialect)) continue;
    if (k === 'keep_tag') for (const tags of policy.keep_tag) out.push(`--keep-tag ${tags.join(',') || "''"}`);
    else out.push(`--${k.replaceAll('_', '-')} ${policy[k]}`);
  }
  return out.join(' ');
}

function renderFields() {
  const { state } = tab;
  const grid = $('r-keep');
  const fields = KEEP_FIELDS.filter((f) => f.modes.includes(state.mode));
  grid.replaceChildren(...fields.map((f) => {
    const id = `r-f-${f.key}`;
    const v = state.policy[f.key];
    const input = h('input', {
      type: 'text', id, name: f.key, value: v === undefined ? '' : String(v), inputmode: f.kind === 'duration' ? 'text' : 'numeric',
      placeholder: f.kind === 'duration' ? (state.mode === 'borg-1.2' ? 'e.g. 36H, 2d' : 'e.g. 2d, 1y6m') : f.kind === 'days' ? 'never' : '—',
      'data-testid': `retention-field-${f.key}`, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-error`,
      oninput: (ev) => {
        const value = parseCount(ev.target.value, f.kind);
        if (value === undefined) delete tab.state.policy[f.key];
        else tab.state.policy[f.key] = value;
        writeFlags();
        hooks.edited();
      },
    });
    return h('div', { class: 'field half', id: `${id}-field` },
      h('label', { for: id }, f.label), input, h('p', { class: 'error', id: `${id}-error`, hidden: true }));
  }));
  const others = Object.keys(state.policy).filter((k) => !KEEP_FIELDS.some((f) => f.key === k));
  const used = others.filter((k) => modesOf(k).includes(state.mode));
  const unused = Object.keys(state.policy).filter((k) => !modesOf(k).includes(state.mode));
  $('r-other').replaceChildren(...[
    used.length ? h('span', {}, 'Also in the policy: ', used.map((k, i) => [i ? ', ' : '', h('code', {}, `${k}: ${JSON.stringify(state.policy[k])}`)])) : null,
    used.length && unused.length ? h('br') : null,
    unused.length ? h('span', {}, `Not used by ${MODE_LABELS[state.mode]} (kept for the other modes): `, unused.map((k, i) => [i ? ', ' : '', h('code', {}, k)])) : null,
  ].filter(Boolean));
  $('r-other').hidden = !used.length && !unused.length;
}

function writeFlags() {
  const { state } = tab;
  const dialect = dialectOf(state.mode);
  if (document.activeElement !== flagsEl) {
    state.flags = policyToFlags(state.policy, dialect);
    flagsEl.value = state.flags;
    tab.flagsError = null;
    tab.flagsInfo = null;
    showFlagsError();
  }
}

function renderFlagsBox() {
  const dialect = dialectOf(tab.state.mode);
  flagsEl.disabled = !dialect;
  $('r-flags-label').textContent = dialect === 'borg' ? 'borg prune flags' : dialect === 'restic' ? 'restic forget flags' : 'Flags (restic and borg only)';
  $('r-flags-help').textContent = dialect
    ? `Type or paste a command line; it is read as ${dialect} reads it and fills the fields.`
    : 'AWS Backup lifecycles have no flags: set the days below.';
}

/** A whitespace split of the flags, for naming the token an error points at (shell quotes aside). */
const tokensOf = (text) => text.trim().split(/\s+/).filter(Boolean);

/** The flags' parse error under the flags box, or what the last parse ignored. */
export function showFlagsError() {
  const { flagsError, flagsInfo } = tab;
  flagsEl.toggleAttribute('aria-invalid', !!flagsError);
  if (!flagsError) {
    flagsErrEl.hidden = true;
    flagsErrEl.replaceChildren();
  } else {
    const tokens = tokensOf(flagsEl.value);
    flagsErrEl.hidden = false;
    flagsErrEl.replaceChildren(...flagsError.issues.map((i) => {
      const n = Number(i.path.slice(1));
      const tok = i.path && Number.isInteger(n) ? tokens[n] : undefined;
      return h('span', { class: 'issue', 'data-path': i.path },
        h('code', {}, i.path ? `token ${n + 1}` : i.code), tok !== undefined ? [' ', h('mark', {}, tok)] : null, ': ', i.message,
        i.hint ? h('span', { class: 'hint' }, ` — ${i.hint}`) : null);
    }));
  }
  const info = flagsInfo && !flagsError ? [
    ...flagsInfo.ignored.map((x) => `ignored “${x.token}”: ${x.why}`),
    ...flagsInfo.notes.map((n) => n.message),
  ] : [];
  $('r-flags-info').hidden = !info.length;
  $('r-flags-info').textContent = info.join('; ');
}

function readFlags() {
  const { state } = tab;
  const dialect = dialectOf(state.mode);
  if (!dialect) return;
  state.flags = flagsEl.value;
  let parsed;
  try {
    parsed = parseRetentionFlags(state.flags, dialect);
  } catch (e) {
    tab.flagsError = toError(e);
    tab.flagsInfo = null;
    showFlagsError();
    return;
  }
  tab.flagsError = null;
  tab.flagsInfo = parsed;
  // The flags replace every keep rule; AWS lifecycle fields and restic_cli_version stay.
  for (const k of Object.keys(state.policy)) if (k.startsWith('keep_')) delete state.policy[k];
  Object.assign(state.policy, parsed.policy);
  renderFields();
  showFlagsError();
}

// ---- Inputs ------------------------------------------------------------------------------------

/** Show `tab.state` in every input (after a preset or a change of source). */
export function renderInputs() {
  const { state } = tab;
  $('r-preset').value = state.preset;
  $('r-preset-note').textContent = PRESETS.find((p) => p[0] === state.preset)?.[3] ?? '';
  for (const r of document.querySelectorAll('input[name="r-source"]')) r.checked = r.value === state.source;
  $('r-cadence').hidden = state.source !== 'cadence';
  $('r-paste-field').hidden = state.source !== 'paste';
  $('r-every').value = String(state.cadence.every);
  $('r-unit').value = state.cadence.unit;
  $('r-start').value = state.cadence.start;
  $('r-count').value = String(state.cadence.count);
  $('r-pattern').value = state.cadence.pattern;
  $('r-paste').value = state.pasted;
  $('r-now').value = state.now;
  $('r-tz').value = state.time_zone;
  $('r-horizon').value = state.horizon;
  $('r-fp-cron').value = state.footprint_cron;
  $('r-compare').checked = state.compare;
  for (const m of MODES) $(`r-mode-${m}`).checked = m === state.mode;
  flagsEl.value = state.flags;
  renderFlagsBox();
  renderFields();
}

/**
 * Fill the selects and bind every input to `t.state`. The tab's hooks: `edited(before)` after an
 * edit (the tab recomputes later, after `before` if given), `compute()` at once and
 * `loadPreset(id)` for the examples.
 */
export function setupForm(t, tabHooks) {
  tab = t;
  hooks = tabHooks;
  flagsEl = /** @type {HTMLInputElement} */ ($('r-flags'));
  flagsErrEl = $('r-flags-error');
  const presetEl = /** @type {HTMLSelectElement} */ ($('r-preset'));
  presetEl.append(h('option', { value: 'default' }, 'Default: daily backups, 10 weeks'),
    ...PRESETS.map(([id, label]) => h('option', { value: id }, label)));
  presetEl.addEventListener('change', () => hooks.loadPreset(presetEl.value));
  $('r-modes').replaceChildren(...MODES.map((m) => h('label', { class: 'r-mode' },
    h('input', {
      type: 'radio', name: 'r-mode', id: `r-mode-${m}`, value: m, 'data-testid': `retention-mode-${m}`,
      onchange: () => {
        const { state } = tab;
        state.mode = m;
        if (document.activeElement !== flagsEl || !flagsEl.value.trim()) {
          state.flags = policyToFlags(state.policy, dialectOf(m));
          flagsEl.value = state.flags;
        }
        tab.flagsError = null;
        tab.flagsInfo = null;
        showFlagsError();
        renderFlagsBox();
        renderFields();
        hooks.compute();
      },
    }), MODE_LABELS[m])));
  $('r-unit').append(...Object.keys(UNITS).map((u) => h('option', { value: u }, u)));
  $('r-pattern').append(...Object.entries(PATTERNS).map(([k, v]) => h('option', { value: k }, v)));
  $('r-horizon').append(...Object.entries(HORIZONS).map(([k, v]) => h('option', { value: k }, v)));
  $('r-tz-list').append(...TIME_ZONES.map((z) => h('option', { value: z })));
  $('r-compare').addEventListener('change', (ev) => { tab.state.compare = ev.target.checked; hooks.compute(); });
  for (const r of document.querySelectorAll('input[name="r-source"]')) {
    r.addEventListener('change', () => {
      const { state } = tab;
      state.source = r.value;
      if (state.source === 'paste' && !state.pasted.trim()) state.pasted = cadenceSnapshots(state).join('\n');
      renderInputs();
      hooks.edited();
    });
  }
  const bind = (id, set, ev = 'input') => $(id).addEventListener(ev, (e) => { set(tab.state, e.target.value); hooks.edited(); });
  bind('r-every', (s, v) => { s.cadence.every = v.trim() === '' ? NaN : Number(v); });
  bind('r-unit', (s, v) => { s.cadence.unit = v; }, 'change');
  bind('r-start', (s, v) => { s.cadence.start = v; });
  bind('r-count', (s, v) => { s.cadence.count = v.trim() === '' ? NaN : Number(v); });
  bind('r-pattern', (s, v) => { s.cadence.pattern = v; }, 'change');
  bind('r-paste', (s, v) => { s.pasted = v; });
  bind('r-now', (s, v) => { s.now = v; });
  bind('r-tz', (s, v) => { s.time_zone = v; });
  bind('r-horizon', (s, v) => { s.horizon = v; }, 'change');
  bind('r-fp-cron', (s, v) => { s.footprint_cron = v; });
  $('r-now-newest').addEventListener('click', () => {
    const times = buildSnapshots(tab.state).snapshots.map((s) => Date.parse(s)).filter(Number.isFinite);
    if (!times.length) return;
    tab.state.now = new Date(Math.max(...times) + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    $('r-now').value = tab.state.now;
    hooks.edited();
  });
  // The flags are read on the tab's one timer, just before it computes.
  flagsEl.addEventListener('input', () => hooks.edited(readFlags));
  $('r-form').addEventListener('submit', (ev) => ev.preventDefault());
}
