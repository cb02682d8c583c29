// The "Retention" tab's results: inline errors and the problem summary, the counts, what a mode
// switch changed, the timeline and the pinned snapshot's details, the compare lanes, the notes and
// the footprint. Reads `tab.state` and what computeRetention answered; writes only the page.

import { h, humanDuration } from '../shared/format.js';
import { renderIssueSummary } from '../shared/summary.js';
import { MODE_LABELS, HORIZONS } from './defaults.js';
import { renderTimeline, renderLanes, renderFootprint, RULES, rowOf } from './chart.js';

const $ = (id) => document.getElementById(id);

const short = (t) => t.replace('T', ' ').replace(/:00(Z|[+-]\d\d:\d\d)$/, '$1');

function where(issue, lines) {
  if (issue.input === 'snapshots' && lines.length && /^\/\d+/.test(issue.path)) return `pasted line ${lines[Number(issue.path.split('/')[1])]}`;
  return `${issue.input ? `${issue.input} ` : ''}${issue.path || ''}`.trim() || '(input)';
}

/** Show one computation (`view`, from computeRetention) for `tab` ({state, last, changes, selected, flagsError}). */
export function render(tab, { snapshots, lines, result, error, compare, footprint, footprintError, now, tz }) {
  const { state, changes, flagsError, last } = tab;
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
  renderIssueSummary($('r-errors'), {
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

  drawTimeline(tab, shown, snapshots, now);
  renderDetail(tab, shown, snapshots, tz);

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
  if (state.compare) renderLanes($('r-lanes'), { snapshots, results: compare, now, current: state.mode, labels: MODE_LABELS });

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

/** The timeline; clicking a snapshot pins its details (`tab.selected`). */
function drawTimeline(tab, result, snapshots, now) {
  renderTimeline($('r-timeline'), {
    snapshots, result, now, changes: tab.changes, selected: tab.selected,
    onPick: (i) => {
      tab.selected = i;
      drawTimeline(tab, result, snapshots, now);
      renderDetail(tab, result, snapshots, tab.state.time_zone.trim() || null);
      document.querySelector(`#r-timeline [data-index="${i}"]`)?.focus();
    },
  });
}

function renderDetail(tab, result, snapshots, tz) {
  const { selected } = tab;
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
