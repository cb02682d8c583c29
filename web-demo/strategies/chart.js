// Recovery timeline: one group of lanes per strategy (a lane per parallel track), the RTO phases
// after t = 0 and the RPO window (data lost) before it. The two sides have their own scales.

import { humanDuration, tickLabel, tickStep, phaseLabel, DISRUPTION_LABELS } from '../shared/format.js';
import { boxWidth } from '../shared/svg.js';

const NS = 'http://www.w3.org/2000/svg';

const PHASE_COLORS = {
  detect: '#475569',
  notify_escalate: '#64748b',
  declare: '#334155',
  deploy_infrastructure: '#7c3aed',
  restore_data: '#1d4ed8',
  failover: '#0e7490',
  promote_replica: '#0e7490',
  start_compute: '#b45309',
  scale_out: '#a16207',
  traffic_shift: '#15803d',
  validate: '#0f766e',
};
const FALLBACK = ['#9333ea', '#be185d', '#4d7c0f', '#0369a1', '#c2410c'];

export function phaseColor(name) {
  if (PHASE_COLORS[name]) return PHASE_COLORS[name];
  let hsh = 0;
  for (const ch of name) hsh = (hsh * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK[hsh % FALLBACK.length];
}

function el(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function tracksOf(timeline) {
  const tracks = ['main'];
  for (const p of timeline) if (!tracks.includes(p.track)) tracks.push(p.track);
  return tracks;
}

const LANE_H = 20;
const LANE_GAP = 4;
const HEAD_H = 22;
const GROUP_GAP = 14;
const TOP = 40;
const AXIS_H = 44;

/**
 * Draw the timeline for one disruption into `container`; `legend` receives the colour key.
 * `onPick(strategyName, metric)` is called when a strategy's bars are clicked.
 */
export function renderTimeline(container, legend, assessment, disruption, { highlight, onPick }) {
  const width = Math.max(340, Math.floor(boxWidth(container) || 900));
  const compact = width < 600;
  const LABEL_W = compact ? 64 : 140;
  const rows = assessment.strategies.map((s) => {
    const est = s.estimates.find((e) => e.disruption === disruption);
    const shown = est && est.applicable && est.covered;
    const tracks = shown ? tracksOf(est.timeline) : ['main'];
    return { s, est, shown, tracks };
  });
  const target = assessment.policy?.targets?.[disruption] ?? null;
  const rtoTarget = typeof target?.rto_seconds === 'number' ? target.rto_seconds : null;
  const rpoTarget = typeof target?.rpo_seconds === 'number' ? target.rpo_seconds : null;

  let maxRto = 0;
  let maxRpo = 0;
  for (const r of rows) {
    if (!r.shown) continue;
    maxRto = Math.max(maxRto, r.est.rto_seconds ?? 0, ...r.est.timeline.map((p) => p.end_seconds));
    maxRpo = Math.max(maxRpo, r.est.rpo_seconds ?? 0);
  }
  if (rtoTarget !== null) maxRto = Math.max(maxRto, rtoTarget);
  if (rpoTarget !== null) maxRpo = Math.max(maxRpo, rpoTarget);
  const rtoStep = tickStep(maxRto || 60, compact ? 3 : 6);
  const rpoStep = tickStep(maxRpo || 60, compact ? 1 : 2);
  const rtoMax = Math.max(rtoStep, Math.ceil(maxRto / rtoStep) * rtoStep);
  const rpoMax = Math.max(rpoStep, Math.ceil(maxRpo / rpoStep) * rpoStep);

  const x0 = LABEL_W + 12;
  const x1 = width - 18;
  const plotW = x1 - x0;
  const zero = x0 + plotW * (compact ? 0.3 : 0.26);
  const xr = (t) => zero + (t / rtoMax) * (x1 - zero);
  const xl = (t) => zero - (t / rpoMax) * (zero - x0);

  let y = TOP;
  const layout = rows.map((r) => {
    const top = y;
    const h = HEAD_H + r.tracks.length * (LANE_H + LANE_GAP);
    y += h + GROUP_GAP;
    return { ...r, top, h };
  });
  const height = y - GROUP_GAP + AXIS_H;

  const svg = el('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'timeline-svg',
    role: 'img', 'aria-labelledby': 'timeline-title timeline-desc',
  });
  svg.append(el('title', { id: 'timeline-title' }, `Recovery timeline for ${DISRUPTION_LABELS[disruption]}`));
  svg.append(el('desc', { id: 'timeline-desc' }, layout.map((r) =>
    `${r.s.label}: ${r.shown ? `RTO ${r.est.rto}, RPO ${r.est.rpo}` : r.est?.applicable === false ? 'not applicable' : 'not covered'}`).join('; ')));
  const defs = el('defs');
  const pat = el('pattern', { id: 'rpo-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pat.append(el('rect', { width: 6, height: 6, fill: '#fde2e2' }), el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#e58a8a', 'stroke-width': 2.5 }));
  defs.append(pat);
  svg.append(defs);

  // Side titles.
  svg.append(el('text', { x: zero - 8, y: 14, 'text-anchor': 'end', class: 'axis-title' }, compact ? '← RPO' : '← data lost (RPO)'));
  svg.append(el('text', { x: zero + 8, y: 14, class: 'axis-title' }, compact ? 'RTO →' : 'time to recover (RTO) →'));

  // Grid and ticks.
  const grid = el('g', { class: 'grid' });
  const axisY = height - AXIS_H + 6;
  for (let t = rtoStep; t <= rtoMax + 1e-9; t += rtoStep) {
    grid.append(el('line', { x1: xr(t), x2: xr(t), y1: TOP - 6, y2: axisY }));
    grid.append(el('text', { x: xr(t), y: axisY + 16, 'text-anchor': 'middle', class: 'tick' }, tickLabel(t)));
  }
  for (let t = rpoStep; t <= rpoMax + 1e-9; t += rpoStep) {
    grid.append(el('line', { x1: xl(t), x2: xl(t), y1: TOP - 6, y2: axisY }));
    grid.append(el('text', { x: xl(t), y: axisY + 16, 'text-anchor': 'middle', class: 'tick' }, `−${tickLabel(t)}`));
  }
  grid.append(el('line', { x1: x0, x2: x1, y1: axisY, y2: axisY, class: 'axis' }));
  svg.append(grid);

  // Strategy groups.
  for (const r of layout) {
    const g = el('g', { class: `group${r.s.strategy === highlight ? ' highlight' : ''}`, 'data-strategy': r.s.strategy });
    g.append(el('rect', { x: 4, y: r.top - 4, width: width - 8, height: r.h + 4, rx: 6, class: 'group-bg' }));
    g.append(el('text', { x: 10, y: r.top + 14, class: 'group-label' }, r.s.label));
    if (r.shown && !compact) {
      g.append(el('text', { x: x1, y: r.top + 14, 'text-anchor': 'end', class: 'group-figures' },
        `RTO ${r.est.rto} · RPO ${r.est.rpo}`));
    }
    const lanesTop = r.top + HEAD_H;
    r.tracks.forEach((track, i) => {
      const ly = lanesTop + i * (LANE_H + LANE_GAP);
      g.append(el('text', { x: LABEL_W, y: ly + LANE_H / 2 + 4, 'text-anchor': 'end', class: 'lane-label' }, track));
    });
    if (!r.shown) {
      const why = r.est?.applicable === false
        ? 'not applicable to this topology'
        : `not covered: ${(r.est?.mechanism ?? '').replace(/^not covered:\s*/, '')}`;
      const room = Math.floor((x1 - zero - 8) / 6.3);
      const t = el('text', { x: zero + 8, y: lanesTop + LANE_H / 2 + 4, class: 'not-covered' }, why.length > room ? `${why.slice(0, room - 1)}…` : why);
      t.append(el('title', {}, why));
      g.append(t);
      svg.append(g);
      continue;
    }
    // RPO window: the data written in it is lost.
    if ((r.est.rpo_seconds ?? 0) > 0) {
      const rx = xl(r.est.rpo_seconds);
      const band = el('rect', {
        x: rx, y: lanesTop, width: zero - rx, height: r.tracks.length * (LANE_H + LANE_GAP) - LANE_GAP,
        fill: 'url(#rpo-hatch)', class: 'rpo-band', rx: 2,
      });
      band.append(el('title', {}, `RPO ${r.est.rpo}: data written in this window before the disruption is lost (click for the breakdown)`));
      band.addEventListener('click', () => onPick?.(r.s.strategy, 'rpo'));
      g.append(band);
    }
    for (const p of r.est.timeline) {
      const lane = r.tracks.indexOf(p.track);
      const ly = lanesTop + lane * (LANE_H + LANE_GAP);
      const px = xr(p.start_seconds);
      const pw = Math.max(1.5, xr(p.end_seconds) - px);
      const rect = el('rect', { x: px, y: ly, width: pw, height: LANE_H, rx: 2, fill: phaseColor(p.name), class: 'phase' });
      rect.append(el('title', {}, `${phaseLabel(p.name)} (${p.track}): ${humanDuration(p.end_seconds - p.start_seconds)}, from ${humanDuration(p.start_seconds)} to ${humanDuration(p.end_seconds)}`));
      rect.addEventListener('click', () => onPick?.(r.s.strategy, 'rto'));
      g.append(rect);
      const label = phaseLabel(p.name);
      if (pw > label.length * 6.2 + 8) {
        g.append(el('text', { x: px + 4, y: ly + LANE_H / 2 + 4, class: 'phase-label' }, label));
      }
    }
    svg.append(g);
  }

  // t = 0 and the targets, on top.
  svg.append(el('line', { x1: zero, x2: zero, y1: TOP - 14, y2: axisY, class: 'zero' }));
  svg.append(el('text', { x: zero, y: axisY + 16, 'text-anchor': 'middle', class: 'tick zero-label' }, compact ? '0' : 'disruption'));
  if (rtoTarget !== null) {
    svg.append(el('line', { x1: xr(rtoTarget), x2: xr(rtoTarget), y1: TOP - 14, y2: axisY, class: 'target' }));
    svg.append(el('text', { x: xr(rtoTarget) - 4, y: TOP - 16, 'text-anchor': 'end', class: 'target-label' }, `RTO target ${humanDuration(rtoTarget)}`));
  }
  if (rpoTarget !== null) {
    svg.append(el('line', { x1: xl(rpoTarget), x2: xl(rpoTarget), y1: TOP - 14, y2: axisY, class: 'target' }));
    const label = `RPO target ${humanDuration(rpoTarget)}`;
    const fitsLeft = xl(rpoTarget) - 4 - label.length * 6 > 0;
    svg.append(el('text', {
      x: fitsLeft ? xl(rpoTarget) - 4 : xl(rpoTarget) + 4, y: TOP - 16,
      'text-anchor': fitsLeft ? 'end' : 'start', class: 'target-label',
    }, label));
  }
  svg.append(el('text', { x: x1, y: height - 6, 'text-anchor': 'end', class: 'scale-note' },
    compact ? 'separate scales either side of 0' : 'left and right of “disruption” use separate scales'));

  container.replaceChildren(svg);

  // Legend: the phases drawn, in first-seen order.
  const names = [];
  for (const r of layout) if (r.shown) for (const p of r.est.timeline) if (!names.includes(p.name)) names.push(p.name);
  legend.replaceChildren(...names.map((n) => {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = phaseColor(n);
    li.append(sw, phaseLabel(n));
    return li;
  }));
  if (layout.some((r) => r.shown && (r.est.rpo_seconds ?? 0) > 0)) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch hatch';
    li.append(sw, 'data lost (RPO window)');
    legend.append(li);
  }
}
