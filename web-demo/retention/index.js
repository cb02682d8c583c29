// drplan demo, "Retention" tab: which snapshots a keep-policy keeps, and why, on a timeline. The
// policy is edited as fields or as restic/borg flags (`parseRetentionFlags`); the snapshots come
// from a cadence or are pasted; `applyRetention` (WebAssembly) answers for the chosen mode —
// restic 0.14, restic 0.16+, borg 1.2 or an AWS Backup lifecycle — and "compare modes" runs all
// four. `retentionFootprint` shows how many snapshots the cadence holds over a horizon.

import { applyRetention, parseRetentionFlags, retentionFootprint } from '../pkg/drplan_wasm.js';
import { toError } from '../shared/engine.js';
import {
  MODES, MODE_LABELS, KEEP_FIELDS, OTHER_FIELDS, UNITS, PATTERNS, HORIZONS, TIME_ZONES, PRESETS, PRESET_INPUTS,
  defaultState, dialectOf, policyFor, modesOf,
} from './defaults.js';
import { renderTimeline, renderLanes, renderFootprint, RULES, rowOf } from './chart.js';
import { renderIssueSummary } from '../shared/summary.js';
import { h, humanDuration } from '../shared/format.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 250;

let state = defaultState();
let seq = 0;
let timer = 0;
let flagsTimer = 0;
let flagsError = null; // the last parseRetentionFlags error, shown until the flags parse again
let flagsInfo = null; // ignored tokens and notes of the last successful parse
let last = null; // the last computation: {key, mode, snapshots, result}
let changes = null; // what the last mode switch changed: {from, to, added, dropped}
let selected = null; // the index of the snapshot whose details are shown
let footprintCache = { key: null, footprint: null, error: null };

const errorsEl = $('r-errors');
const flagsEl = /** @type {HTMLInputElement} */ ($('r-flags'));
const flagsErrEl = $('r-flags-error');
const presetEl = /** @type {HTMLSelectElement} */ ($('r-preset'));

// ---- Snapshots ---------------------------------------------------------------------------------

/** An instant as RFC 3339 with the zone's offset at that instant ("Z" in UTC or for an unknown zone). */
export function withOffset(ms, timeZone) {
  const utc = new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  if (!timeZone || timeZone === 'UTC') return utc;
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
    }).formatToParts(new Date(ms));
  } catch {
    return utc;
  }
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  const off = p.timeZoneName.replace('GMT', '') || '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${off === '+00:00' ? 'Z' : off}`;
}

/**
 * The snapshots the page passes to the core: generated from the cadence (stored with the offset of
 * the time zone, as a backup host in that zone would) or pasted (one per line, as typed). `lines`
 * maps each snapshot to its line in the paste box.
 */
function buildSnapshots() {
  if (state.source === 'paste') {
    const lines = [];
    const snapshots = [];
    state.pasted.split('\n').forEach((line, i) => {
      const t = line.trim();
      if (!t) return;
      snapshots.push(t);
      lines.push(i + 1);
    });
    return { snapshots, lines, error: null };
  }
  const c = state.cadence;
  const every = Number(c.every);
  const count = Number(c.count);
  const start = Date.parse(c.start);
  if (!(every > 0) || !Number.isInteger(count) || count < 1 || count > 2000 || !Number.isFinite(start) || !/(Z|[+-]\d\d:\d\d)$/i.test(c.start.trim())) {
    return { snapshots: [], lines: [], error: !(every > 0) ? 'the interval must be a number above 0'
      : !Number.isInteger(count) || count < 1 || count > 2000 ? 'the count must be a whole number from 1 to 2,000'
        : 'the start must be an RFC 3339 timestamp with an offset, e.g. 2024-03-01T01:00:00Z' };
  }
  const step = every * UNITS[c.unit] * 1000;
  let times = Array.from({ length: count }, (_, i) => start + i * step);
  if (c.pattern === 'gaps') {
    const from = Math.floor(count * 0.55);
    const len = Math.max(2, Math.floor(count * 0.12));
    times = times.filter((_, i) => i < from || i >= from + len);
  } else if (c.pattern === 'bursts') {
    times = times.flatMap((t, i) => (i % 10 === 5 ? [t, t + 15 * 60_000, t + 30 * 60_000] : [t]));
  }
  const tz = state.time_zone.trim() || null;
  return { snapshots: times.map((t) => withOffset(t, tz)), lines: [], error: null };
}

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
        if (value === undefined) delete state.policy[f.key];
        else state.policy[f.key] = value;
        writeFlags();
        edited();
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
  const dialect = dialectOf(state.mode);
  if (document.activeElement !== flagsEl) {
    state.flags = policyToFlags(state.policy, dialect);
    flagsEl.value = state.flags;
    flagsError = null;
    flagsInfo = null;
    showFlagsError();
  }
}

function renderFlagsBox() {
  const dialect = dialectOf(state.mode);
  flagsEl.disabled = !dialect;
  $('r-flags-label').textContent = dialect === 'borg' ? 'borg prune flags' : dialect === 'restic' ? 'restic forget flags' : 'Flags (restic and borg only)';
  $('r-flags-help').textContent = dialect
    ? `Type or paste a command line; it is read as ${dialect} reads it and fills the fields.`
    : 'AWS Backup lifecycles have no flags: set the days below.';
}

/** A whitespace split of the flags, for naming the token an error points at (shell quotes aside). */
const tokensOf = (text) => text.trim().split(/\s+/).filter(Boolean);

function showFlagsError() {
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
  const dialect = dialectOf(state.mode);
  if (!dialect) return;
  state.flags = flagsEl.value;
  let parsed;
  try {
    parsed = parseRetentionFlags(state.flags, dialect);
  } catch (e) {
    flagsError = toError(e);
    flagsInfo = null;
    showFlagsError();
    compute();
    return;
  }
  flagsError = null;
  flagsInfo = parsed;
  // The flags replace every keep rule; AWS lifecycle fields and restic_cli_version stay.
  for (const k of Object.keys(state.policy)) if (k.startsWith('keep_')) delete state.policy[k];
  Object.assign(state.policy, parsed.policy);
  renderFields();
  showFlagsError();
  edited();
}

// ---- Inputs ------------------------------------------------------------------------------------

function renderInputs() {
  presetEl.value = state.preset;
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

function edited() {
  changes = null;
  schedule();
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(compute, DEBOUNCE_MS);
}

function loadPreset(id) {
  if (id === 'default') {
    state = defaultState();
  } else {
    const golden = PRESETS.find((p) => p[0] === id)[2];
    const [snapshots, policy, mode, now, tz] = structuredClone(PRESET_INPUTS[golden]);
    const base = defaultState();
    state = {
      ...base, preset: id, mode, policy, source: 'paste', pasted: snapshots.join('\n'), now, time_zone: tz ?? '',
      flags: policyToFlags(policy, dialectOf(mode)), compare: true,
    };
  }
  flagsError = null;
  flagsInfo = null;
  changes = null;
  selected = null;
  last = null;
  showFlagsError();
  renderInputs();
  compute();
}

// ---- Computing ---------------------------------------------------------------------------------

function run(snapshots, policy, mode, now, tz) {
  try {
    return { result: applyRetention(structuredClone(snapshots), policy, mode, now, tz), error: null };
  } catch (e) {
    return { result: null, error: toError(e) };
  }
}

function compute() {
  clearTimeout(timer);
  const { snapshots, lines, error: snapError } = buildSnapshots();
  const mode = state.mode;
  const policy = policyFor(state.policy, mode);
  const now = state.now.trim();
  const tz = state.time_zone.trim() || null;
  let { result, error } = snapError
    ? { result: null, error: { code: 'invalid_input', issues: [{ severity: 'error', code: 'invalid_cadence', input: 'cadence', path: '', message: snapError, hint: null }] } }
    : run(snapshots, policy, mode, now, tz);

  // A mode switch on the same input: what changed.
  const key = JSON.stringify([snapshots, state.policy, now, tz]);
  if (last && last.key === key && last.mode !== mode && last.result && result) {
    const was = new Set(last.result.kept.map((k) => k.index));
    const is = new Set(result.kept.map((k) => k.index));
    changes = {
      from: last.mode, to: mode,
      added: new Set([...is].filter((i) => !was.has(i))),
      dropped: new Set([...was].filter((i) => !is.has(i))),
    };
  } else if (!last || last.key !== key) {
    changes = null;
  }
  last = { key, mode, snapshots, result: result ?? (last?.key === key ? last.result : null) };
  if (selected !== null && selected >= snapshots.length) selected = null;

  const compare = {};
  if (state.compare && !snapError) for (const m of MODES) compare[m] = run(snapshots, policyFor(state.policy, m), m, now, tz);

  // Footprint: the cadence over the horizon (cached: a long horizon of hourly backups takes a while).
  const c = state.cadence;
  const cron = state.footprint_cron.trim();
  const cadence = cron ? { cron, time_zone: tz } : { interval_seconds: Number(c.every) * UNITS[c.unit] };
  const fKey = JSON.stringify([cadence, policy, mode, c.start, state.horizon, tz]);
  if (fKey !== footprintCache.key) {
    footprintCache = { key: fKey, footprint: null, error: null };
    try {
      footprintCache.footprint = retentionFootprint(cadence, policy, mode, c.start.trim(), state.horizon, tz);
    } catch (e) {
      footprintCache.error = toError(e);
    }
  }
  const footprint = footprintCache.footprint;

  render({ snapshots, lines, result, error, compare, footprint, footprintError: footprintCache.error, now, tz });
  seq += 1;
  // For tests and the curious: the inputs and outputs, exactly as passed to / returned by the core.
  window.__drplanRetention = {
    snapshots, policy, mode, now, time_zone: tz, result, error, compare: state.compare ? compare : null,
    footprint, footprint_error: footprintCache.error,
    footprint_input: { cadence, policy, mode, start: c.start.trim(), horizon: state.horizon, time_zone: tz },
    flags_error: flagsError, seq,
  };
}

// ---- Rendering ---------------------------------------------------------------------------------

const short = (t) => t.replace('T', ' ').replace(/:00(Z|[+-]\d\d:\d\d)$/, '$1');

function where(issue, lines) {
  if (issue.input === 'snapshots' && lines.length && /^\/\d+/.test(issue.path)) return `pasted line ${lines[Number(issue.path.split('/')[1])]}`;
  return `${issue.input ? `${issue.input} ` : ''}${issue.path || ''}`.trim() || '(input)';
}

function render({ snapshots, lines, result, error, compare, footprint, footprintError, now, tz }) {
  // Inline errors next to the fields they are about.
  for (const e of document.querySelectorAll('#panel-retention .field .error:not(#r-flags-error)')) {
    e.hidden = true;
    e.replaceChildren();
    e.closest('.field').classList.remove('has-error');
  }
  const inline = (id, issue, text) => {
    const e = $(id);
    if (!e) return false;
    e.hidden = false;
    e.append(h('span', { class: 'issue' }, h('code', {}, issue.code), ' ', text ?? issue.message));
    e.closest('.field')?.classList.add('has-error');
    return true;
  };
  const issues = error ? error.issues.filter((i) => i.severity === 'error') : [];
  for (const i of issues) {
    if (i.input === 'policy' && /^\/\w+$/.test(i.path)) inline(`r-f-${i.path.slice(1)}-error`, i);
    else if (i.input === 'snapshots') inline(state.source === 'paste' ? 'r-paste-error' : 'r-start-error', i, `${where(i, lines)}: ${i.message}`);
    else if (i.input === 'cadence') inline('r-start-error', i);
    else if (i.input === 'now') inline('r-now-error', i);
    else if (i.input === 'time_zone') inline('r-tz-error', i);
  }

  // The summary of every problem (flags included).
  const all = [...(flagsError?.issues ?? []).map((i) => ({ ...i, where: `flags ${i.path ? `token ${Number(i.path.slice(1)) + 1}` : ''}` })),
    ...issues.map((i) => ({ ...i, where: where(i, lines) }))];
  renderIssueSummary(errorsEl, {
    issues: all, error, where: (i) => i.where, noun: 'input',
    notes: [
      flagsError && !error && 'The results below use the fields as they were before the flags changed.',
      error && last?.result && 'The timeline below is for the last valid input.',
    ],
  });

  const shown = result ?? last?.result ?? null;
  $('r-results').classList.toggle('stale', !result);
  $('r-kept-count').textContent = result ? String(result.kept_count) : '—';
  $('r-removed-count').textContent = result ? String(result.removed_count) : '—';
  $('r-total').textContent = String(snapshots.length);
  $('r-bucket').textContent = result ? `Calendar buckets: ${result.bucket_time_zone}.${result.latest ? ` Latest snapshot before now: ${short(result.latest)}.` : ''}` : '';

  // What the mode switch changed.
  const ch = $('r-change');
  if (changes && result) {
    const list = (set) => [...set].map((i) => short(snapshots[i])).slice(0, 6).join(', ') + (set.size > 6 ? ', …' : '');
    ch.hidden = false;
    ch.replaceChildren(
      h('strong', {}, `${MODE_LABELS[changes.from]} → ${MODE_LABELS[changes.to]}: `),
      !changes.added.size && !changes.dropped.size ? 'the same snapshots are kept.' : h('span', {},
        changes.added.size ? h('span', { class: 'r-added' }, `+${changes.added.size} kept (${list(changes.added)})`) : null,
        changes.added.size && changes.dropped.size ? '; ' : null,
        changes.dropped.size ? h('span', { class: 'r-dropped' }, `−${changes.dropped.size} now removed (${list(changes.dropped)})`) : null,
        '.',
      ),
    );
  } else {
    ch.hidden = true;
  }

  drawTimeline(shown, snapshots, now);
  renderDetail(shown, snapshots, tz);

  // Legend of the rows in use.
  const used = new Set((shown?.kept ?? []).flatMap((k) => k.reasons.map(rowOf)));
  $('r-legend').replaceChildren(...[
    h('li', {}, h('span', { class: 'r-key kept' }), 'kept'),
    h('li', {}, h('span', { class: 'r-key removed' }), 'removed'),
    (shown?.within_windows ?? []).length ? h('li', {}, h('span', { class: 'r-key band' }), 'keep-within window') : null,
    changes ? h('li', {}, h('span', { class: 'r-key change' }), 'kept anew / ', h('span', { class: 'r-key change dropped' }), 'removed by the mode switch') : null,
    ...[...used].map((r) => h('li', {}, h('span', { class: 'r-key dot', style: `background:${RULES[r]?.color}` }), RULES[r]?.label ?? r)),
  ].filter(Boolean));

  // Compare lanes.
  $('r-compare-box').hidden = !state.compare;
  if (state.compare) drawLanes(snapshots, compare, now);

  // Notes.
  const notes = result?.notes ?? [];
  $('r-notes-count').textContent = String(notes.length);
  $('r-notes').replaceChildren(...notes.map((n) => h('li', { class: `sev-${n.severity}` }, h('span', { class: 'sev' }, n.severity), ' ',
    h('code', {}, n.code), ' ', n.message, n.hint ? h('span', { class: 'hint' }, ` — ${n.hint}`) : null)));
  $('r-notes-empty').hidden = notes.length > 0;

  // Footprint.
  const c = state.cadence;
  const cron = state.footprint_cron.trim();
  const cronIssue = cron ? footprintError?.issues.find((i) => i.input === 'cadence') : null;
  if (cronIssue) inline('r-fp-cron-error', cronIssue);
  const sched = footprint?.schedule;
  const by = cron
    ? `By ${cron} in ${state.time_zone.trim() || 'UTC'}${sched ? ` (first ${short(sched.first_backup)}, gaps ${humanDuration(sched.min_gap_seconds)}–${humanDuration(sched.max_gap_seconds)}${sched.dst_adjusted_runs ? `, ${sched.dst_adjusted_runs} runs moved by DST` : ''})` : ''}`
    : `Every ${c.every} ${c.unit === 'hours' ? (Number(c.every) === 1 ? 'hour' : 'hours') : (Number(c.every) === 1 ? 'day' : 'days')} from ${short(c.start)}`;
  const pasted = !cron && state.source === 'paste' ? ' (the cadence of step 2, not the pasted snapshots)' : '';
  $('r-fp-what').textContent = `${by} for ${HORIZONS[state.horizon]}, pruned with the ${MODE_LABELS[state.mode]} rules after each backup${pasted}.`;
  const ssEl = $('r-steady');
  const ss = footprint?.steady_state;
  ssEl.dataset.min = ss ? String(ss.min_held) : '';
  ssEl.dataset.max = ss ? String(ss.max_held) : '';
  ssEl.classList.toggle('none', !ss);
  if (footprintError) {
    ssEl.textContent = `— (${footprintError.issues[0]?.code}: ${footprintError.issues[0]?.message})`;
  } else if (ss) {
    ssEl.textContent = ss.min_held === ss.max_held ? `${ss.max_held} snapshots` : `${ss.min_held}–${ss.max_held} snapshots`;
  } else {
    ssEl.textContent = 'not reached within the horizon (or a rule is unlimited)';
  }
  $('r-fp-stats').textContent = footprint
    ? `${footprint.snapshots_taken.toLocaleString('en')} taken · at most ${footprint.max_held} held · ${footprint.final_held} at the end${ss ? ` · filled after ${Math.round(ss.fill_seconds / 86400)} d` : ''}`
    : '';
  $('r-fp-notes').replaceChildren(...(footprint?.notes ?? []).map((n) => h('li', {}, h('code', {}, n.code), ' ', n.message)));
  if (footprint) renderFootprint($('r-fp-chart'), footprint);
  else $('r-fp-chart').replaceChildren();
}

function drawTimeline(result, snapshots, now) {
  renderTimeline($('r-timeline'), {
    snapshots, result, now, changes, selected,
    onPick: (i) => {
      selected = i;
      drawTimeline(result, snapshots, now);
      renderDetail(result, snapshots, state.time_zone.trim() || null);
      document.querySelector(`#r-timeline [data-index="${i}"]`)?.focus();
    },
  });
}

function drawLanes(snapshots, compare, now) {
  renderLanes($('r-lanes'), { snapshots, results: compare, now, current: state.mode, labels: MODE_LABELS });
}

function renderDetail(result, snapshots, tz) {
  const box = $('r-detail');
  if (selected === null || !snapshots[selected]) {
    box.replaceChildren(h('p', { class: 'hint' }, 'Hover a snapshot for its time and reasons; click it (or press Enter on it) to pin them here.'));
    return;
  }
  const s = snapshots[selected];
  const k = result?.kept.find((x) => x.index === selected);
  let local = '';
  try {
    if (tz) local = new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'full', timeStyle: 'long' }).format(new Date(Date.parse(s)));
  } catch { /* unknown zone: the core says so */ }
  box.replaceChildren(...[
    h('p', {}, h('strong', { class: k ? 'r-kept-word' : 'r-removed-word' }, k ? 'Kept' : 'Removed'), ' ', h('code', {}, s),
      local ? h('span', { class: 'hint' }, ` — ${local}`) : null),
    k ? h('ul', { class: 'r-reasons' }, k.reasons.map((r) => h('li', {},
      h('span', { class: 'r-key dot', style: `background:${RULES[rowOf(r)]?.color}` }), r.label,
      r.oldest ? h('span', { class: 'hint' }, ' (keep-oldest fallback)') : null))) : h('p', { class: 'hint' }, 'No rule keeps it.'),
    k?.storage ? h('p', { class: 'hint' }, `At now: ${k.storage}${k.move_to_cold_storage_at ? `; cold from ${short(k.move_to_cold_storage_at)}` : ''}${k.delete_at ? `; deleted at ${short(k.delete_at)}` : ''}.`) : null,
  ].filter(Boolean));
}

// ---- Start -------------------------------------------------------------------------------------

function setup() {
  presetEl.append(h('option', { value: 'default' }, 'Default: daily backups, 10 weeks'),
    ...PRESETS.map(([id, label]) => h('option', { value: id }, label)));
  presetEl.addEventListener('change', () => loadPreset(presetEl.value));
  $('r-modes').replaceChildren(...MODES.map((m) => h('label', { class: 'r-mode' },
    h('input', {
      type: 'radio', name: 'r-mode', id: `r-mode-${m}`, value: m, 'data-testid': `retention-mode-${m}`,
      onchange: () => {
        state.mode = m;
        if (document.activeElement !== flagsEl || !flagsEl.value.trim()) {
          state.flags = policyToFlags(state.policy, dialectOf(m));
          flagsEl.value = state.flags;
        }
        flagsError = null;
        flagsInfo = null;
        showFlagsError();
        renderFlagsBox();
        renderFields();
        compute();
      },
    }), MODE_LABELS[m])));
  $('r-unit').append(...Object.keys(UNITS).map((u) => h('option', { value: u }, u)));
  $('r-pattern').append(...Object.entries(PATTERNS).map(([k, v]) => h('option', { value: k }, v)));
  $('r-horizon').append(...Object.entries(HORIZONS).map(([k, v]) => h('option', { value: k }, v)));
  $('r-tz-list').append(...TIME_ZONES.map((z) => h('option', { value: z })));
  $('r-compare').addEventListener('change', (ev) => { state.compare = ev.target.checked; compute(); });
  for (const r of document.querySelectorAll('input[name="r-source"]')) {
    r.addEventListener('change', () => {
      state.source = r.value;
      if (state.source === 'paste' && !state.pasted.trim()) state.pasted = buildSnapshotsFromCadence().join('\n');
      renderInputs();
      edited();
    });
  }
  const bind = (id, set, ev = 'input') => $(id).addEventListener(ev, (e) => { set(e.target.value); edited(); });
  bind('r-every', (v) => { state.cadence.every = v.trim() === '' ? NaN : Number(v); });
  bind('r-unit', (v) => { state.cadence.unit = v; }, 'change');
  bind('r-start', (v) => { state.cadence.start = v; });
  bind('r-count', (v) => { state.cadence.count = v.trim() === '' ? NaN : Number(v); });
  bind('r-pattern', (v) => { state.cadence.pattern = v; }, 'change');
  bind('r-paste', (v) => { state.pasted = v; });
  bind('r-now', (v) => { state.now = v; });
  bind('r-tz', (v) => { state.time_zone = v; });
  bind('r-horizon', (v) => { state.horizon = v; }, 'change');
  bind('r-fp-cron', (v) => { state.footprint_cron = v; });
  $('r-now-newest').addEventListener('click', () => {
    const times = buildSnapshots().snapshots.map((s) => Date.parse(s)).filter(Number.isFinite);
    if (!times.length) return;
    state.now = new Date(Math.max(...times) + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    $('r-now').value = state.now;
    edited();
  });
  flagsEl.addEventListener('input', () => {
    clearTimeout(flagsTimer);
    flagsTimer = setTimeout(readFlags, DEBOUNCE_MS);
  });
  $('r-form').addEventListener('submit', (ev) => ev.preventDefault());
  let resizeTimer = 0;
  let width = 0;
  new ResizeObserver(([entry]) => {
    const w = Math.round(entry.contentRect.width);
    if (w === width || !last) return;
    width = w;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(compute, 100);
  }).observe($('r-timeline'));
}

function buildSnapshotsFromCadence() {
  const source = state.source;
  state.source = 'cadence';
  const { snapshots } = buildSnapshots();
  state.source = source;
  return snapshots;
}

/** Set the tab up; the page calls `start` once the engine is loaded. */
export function mount() {
  setup();
  renderInputs();
  return {
    loading: $('r-loading'),
    start() {
      $('r-results').hidden = false;
      compute();
    },
  };
}
