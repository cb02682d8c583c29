// Retention timelines (SVG): every snapshot as a tick, kept ones tall and coloured with a dot in the
// row of each rule that kept them, removed ones short and grey, keep-within windows as bands; the
// "compare modes" lanes (one row per mode); and the footprint line chart (snapshots held over time).

import { el, drawAxis, boxWidth, HOUR } from '../shared/svg.js';

/** Rows of the timeline, in this order; a row is drawn only when a reason uses it. */
export const RULES = {
  last: { label: 'last', color: '#1e40af' },
  secondly: { label: 'secondly', color: '#4338ca' },
  minutely: { label: 'minutely', color: '#6d28d9' },
  hourly: { label: 'hourly', color: '#7c3aed' },
  daily: { label: 'daily', color: '#0e7490' },
  weekly: { label: 'weekly', color: '#15803d' },
  monthly: { label: 'monthly', color: '#a16207' },
  yearly: { label: 'yearly', color: '#c2410c' },
  within: { label: 'within', color: '#047857' },
  within_hourly: { label: 'within hourly', color: '#047857' },
  within_daily: { label: 'within daily', color: '#047857' },
  within_weekly: { label: 'within weekly', color: '#047857' },
  within_monthly: { label: 'within monthly', color: '#047857' },
  within_yearly: { label: 'within yearly', color: '#047857' },
  tag: { label: 'tag', color: '#be185d' },
  checkpoint: { label: 'checkpoint', color: '#64748b' },
  empty_policy: { label: 'empty policy', color: '#64748b' },
  lifecycle: { label: 'lifecycle', color: '#0369a1' },
  oldest: { label: 'oldest', color: '#b91c1c' },
};

/** The row a reason is drawn in: the keep-oldest fallback gets its own row. */
export const rowOf = (reason) => (reason.oldest ? 'oldest' : reason.rule);

/** The time domain of a set of snapshots and `now`, padded. */
export function domainOf(times, nowMs) {
  const all = times.filter(Number.isFinite);
  if (Number.isFinite(nowMs)) all.push(nowMs);
  if (!all.length) return [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)];
  let t0 = Math.min(...all);
  let t1 = Math.max(...all);
  if (t1 - t0 < HOUR) { t0 -= HOUR; t1 += HOUR; }
  const pad = (t1 - t0) * 0.025;
  return [t0 - pad, t1 + pad];
}

/**
 * The timeline of one result. `snapshots` are the inputs (strings), `result` applyRetention's answer
 * (or null), `changes` {added, dropped}: sets of input indices that the last mode switch kept anew or
 * removed. `onPick(index)` is called when a tick is clicked (or Enter is pressed on it).
 */
export function renderTimeline(container, { snapshots, result, now, changes, selected, onPick }) {
  const width = Math.max(300, Math.floor(boxWidth(container) || 800));
  const compact = width < 560;
  const left = compact ? 62 : 82;
  const right = width - 12;
  const nowMs = Date.parse(now);
  const times = snapshots.map((s) => Date.parse(s));
  const [t0, t1] = domainOf(times, nowMs);
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);

  const kept = new Map((result?.kept ?? []).map((k) => [k.index, k]));
  const rowsUsed = new Set();
  for (const k of kept.values()) for (const r of k.reasons) rowsUsed.add(rowOf(r));
  const rows = Object.keys(RULES).filter((r) => rowsUsed.has(r));

  const TOP = 18; // band labels
  const TICK_H = 36;
  const ROW_H = 17;
  const rowsTop = TOP + TICK_H + 6;
  const bottom = rowsTop + rows.length * ROW_H + 4;
  const height = bottom + 20;
  const svg = el('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'r-timeline-svg', role: 'group',
    'aria-label': `Snapshots on a timeline: ${result ? `${result.kept_count} kept, ${result.removed_count} removed` : 'no result'}`,
  });

  // keep-within windows: snapshots strictly after `after` are inside.
  for (const w of result?.within_windows ?? []) {
    const a = Math.max(x(Date.parse(w.after)), left);
    const b = right;
    if (a >= b) continue;
    svg.append(el('rect', { x: a, y: TOP - 2, width: b - a, height: bottom - TOP + 2, class: 'r-band' }));
    svg.append(el('line', { x1: a, x2: a, y1: TOP - 2, y2: bottom, class: 'r-band-edge' }));
    const text = `${RULES[w.rule]?.label ?? w.rule} ${w.duration}`;
    svg.append(el('text', { x: Math.min(a + 4, right - 4), y: TOP - 5, class: 'r-band-label', 'text-anchor': a + 4 > right - 80 ? 'end' : 'start' }, `${text} (after ${w.after.slice(0, 16).replace('T', ' ')})`));
  }

  drawAxis(svg, x, t0, t1, left, right, TOP, bottom, Number.isFinite(nowMs) ? x(nowMs) : undefined);

  // Row labels and guides.
  svg.append(el('text', { x: left - 8, y: TOP + TICK_H - 4, 'text-anchor': 'end', class: 'r-row-label' }, compact ? 'all' : 'snapshots'));
  rows.forEach((r, i) => {
    const y = rowsTop + i * ROW_H + ROW_H / 2;
    svg.append(el('line', { x1: left, x2: right, y1: y, y2: y, class: 'r-row-guide' }));
    svg.append(el('text', { x: left - 8, y: y + 4, 'text-anchor': 'end', class: 'r-row-label', fill: RULES[r].color }, RULES[r].label));
  });

  // "now".
  if (Number.isFinite(nowMs)) {
    const xn = x(nowMs);
    svg.append(el('line', { x1: xn, x2: xn, y1: TOP, y2: bottom, class: 'r-now' }));
    svg.append(el('text', { x: xn, y: bottom + 13, 'text-anchor': 'middle', class: 'r-now-label' }, 'now'));
  }

  // The ticks, removed first so kept ones are drawn on top.
  const order = snapshots.map((_, i) => i).sort((a, b) => Number(kept.has(a)) - Number(kept.has(b)));
  const spacing = (right - left) / Math.max(1, snapshots.length);
  for (const i of order) {
    const t = times[i];
    if (!Number.isFinite(t)) continue;
    const k = kept.get(i);
    const xx = x(t);
    const labels = k ? k.reasons.map((r) => r.label) : [];
    const cls = ['r-snap', k ? 'kept' : 'removed'];
    if (changes?.added?.has(i)) cls.push('added');
    if (changes?.dropped?.has(i)) cls.push('dropped');
    if (selected === i) cls.push('selected');
    const g = el('g', {
      class: cls.join(' '), tabindex: 0, role: 'button',
      'data-testid': 'retention-snapshot', 'data-index': i, 'data-time': k ? k.time : snapshots[i],
      'data-kept': String(!!k), 'data-reasons': JSON.stringify(labels),
      'aria-label': `${snapshots[i]}: ${k ? `kept — ${labels.join(', ')}` : 'removed'}`,
    });
    g.append(el('title', {}, `${snapshots[i]}\n${k ? `kept: ${labels.join('; ')}` : 'removed'}${k?.storage ? `\nstorage at now: ${k.storage}` : ''}`));
    g.append(el('rect', { x: xx - Math.max(3, Math.min(8, spacing / 2)), y: TOP, width: Math.max(6, Math.min(16, spacing)), height: bottom - TOP, class: 'r-hit' }));
    const h = k ? TICK_H : TICK_H * 0.45;
    g.append(el('line', { x1: xx, x2: xx, y1: TOP + TICK_H - h, y2: TOP + TICK_H, class: 'r-tick' }));
    if (changes?.added?.has(i) || changes?.dropped?.has(i)) {
      g.append(el('circle', { cx: xx, cy: TOP + TICK_H - h - 1, r: 4, class: 'r-change' }));
    }
    if (k) {
      for (const r of k.reasons) {
        const row = rows.indexOf(rowOf(r));
        if (row < 0) continue;
        g.append(el('circle', { cx: xx, cy: rowsTop + row * ROW_H + ROW_H / 2, r: 4, fill: RULES[rowOf(r)]?.color ?? '#333', class: 'r-dot' }));
      }
    }
    g.addEventListener('click', () => onPick?.(i));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onPick?.(i); }
    });
    svg.append(g);
  }
  container.replaceChildren(svg);
}

/**
 * The "compare modes" lanes: one row per mode, its kept snapshots tall and coloured, removed ones
 * grey; `results` maps a mode to {result} or {error}.
 */
export function renderLanes(container, { snapshots, results, now, current, labels }) {
  const width = Math.max(300, Math.floor(boxWidth(container) || 800));
  const compact = width < 560;
  const left = compact ? 96 : 150;
  const right = width - 12;
  const times = snapshots.map((s) => Date.parse(s));
  const nowMs = Date.parse(now);
  const [t0, t1] = domainOf(times, nowMs);
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
  const LANE = 30;
  const modes = Object.keys(results);
  const top = 4;
  const bottom = top + modes.length * LANE;
  const height = bottom + 20;
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'r-lanes-svg', role: 'img', 'aria-label': 'Kept snapshots in every mode' });
  drawAxis(svg, x, t0, t1, left, right, top, bottom);
  modes.forEach((mode, m) => {
    const y0 = top + m * LANE;
    const { result, error } = results[mode];
    const g = el('g', {
      class: `r-lane${mode === current ? ' current' : ''}`, 'data-testid': `retention-lane-${mode}`,
      'data-kept-count': result ? result.kept_count : '', 'data-error': error ? error.code : '',
    });
    g.append(el('rect', { x: 0, y: y0 + 1, width, height: LANE - 2, class: 'r-lane-bg' }));
    g.append(el('text', { x: 6, y: y0 + LANE / 2 - 2, class: 'r-lane-name' }, labels[mode]));
    g.append(el('text', { x: 6, y: y0 + LANE / 2 + 10, class: 'r-lane-count' },
      result ? `${result.kept_count} kept, ${result.removed_count} removed` : `error: ${error?.issues?.[0]?.code ?? error?.code}`));
    const kept = new Set((result?.kept ?? []).map((k) => k.index));
    snapshots.forEach((_, i) => {
      if (!Number.isFinite(times[i])) return;
      const k = kept.has(i);
      const h = k ? LANE - 10 : (LANE - 10) * 0.4;
      g.append(el('line', { x1: x(times[i]), x2: x(times[i]), y1: y0 + LANE - 5 - h, y2: y0 + LANE - 5, class: `r-lane-tick ${result ? (k ? 'kept' : 'removed') : 'error'}` }));
    });
    svg.append(g);
  });
  if (Number.isFinite(nowMs)) svg.append(el('line', { x1: x(nowMs), x2: x(nowMs), y1: top, y2: bottom, class: 'r-now' }));
  container.replaceChildren(svg);
}

/** The footprint: snapshots held after each prune over the horizon, with the steady state. */
export function renderFootprint(container, footprint) {
  const width = Math.max(300, Math.floor(boxWidth(container) || 800));
  const height = 190;
  const left = 40;
  const right = width - 12;
  const top = 10;
  const bottom = height - 22;
  const series = footprint.series;
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'r-footprint-svg', role: 'img' });
  if (!series.length) { container.replaceChildren(svg); return; }
  const t0 = Date.parse(series[0].time);
  const t1 = Math.max(Date.parse(series[series.length - 1].time), t0 + HOUR);
  const ymax = Math.max(1, footprint.max_held) * 1.12;
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
  const y = (v) => bottom - (v / ymax) * (bottom - top);
  svg.setAttribute('aria-label', `Snapshots held over ${series[series.length - 1].time.slice(0, 10)}: up to ${footprint.max_held}`);
  drawAxis(svg, x, t0, t1, left, right, top, bottom);
  const yStep = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000].find((s) => ymax / s <= 5) ?? 10000;
  for (let v = 0; v <= ymax; v += yStep) {
    svg.append(el('line', { x1: left, x2: right, y1: y(v), y2: y(v), class: 'r-grid' }));
    svg.append(el('text', { x: left - 5, y: y(v) + 4, 'text-anchor': 'end', class: 'r-axis-y' }, String(v)));
  }
  const ss = footprint.steady_state;
  if (ss) {
    const xa = x(Date.parse(ss.from));
    svg.append(el('rect', { x: xa, y: y(ss.max_held) - 2, width: Math.max(2, right - xa), height: y(ss.min_held) - y(ss.max_held) + 4, class: 'r-steady' }));
    svg.append(el('line', { x1: left, x2: right, y1: y(ss.max_held), y2: y(ss.max_held), class: 'r-steady-line' }));
    svg.append(el('text', { x: Math.max(left + 4, xa - 6), y: y(ss.max_held) - 6, 'text-anchor': xa - 6 > left + 120 ? 'end' : 'start', class: 'r-steady-label' },
      ss.min_held === ss.max_held ? `steady state ${ss.max_held}` : `steady state ${ss.min_held}–${ss.max_held}`));
  }
  const d = series.map((p, i) => `${i ? 'L' : 'M'}${x(Date.parse(p.time)).toFixed(1)},${y(p.held).toFixed(1)}`).join('');
  svg.append(el('path', { d, class: 'r-footprint-line' }));
  container.replaceChildren(svg);
}
