// Migration timeline bars: one SVG bar per feasible path, its phases (schema conversion, copy,
// catch-up, cut-over) from the report's timeline, all bars on one scale so paths compare at a
// glance. Phases during which writes are stopped (the downtime) are hatched.

import { humanDuration, tickLabel, tickStep } from '../shared/format.js';

const NS = 'http://www.w3.org/2000/svg';

export const MIGRATION_PHASES = {
  schema_conversion: { label: 'schema conversion', color: '#7c3aed' },
  copy: { label: 'copy', color: '#1d4ed8' },
  catch_up: { label: 'catch-up', color: '#0e7490' },
  cut_over: { label: 'cut-over', color: '#b45309' },
};

export function phaseName(phase) {
  return MIGRATION_PHASES[phase]?.label ?? phase.replaceAll('_', ' ');
}

function el(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const BAR_Y = 6;
const BAR_H = 22;
const AXIS_Y = BAR_Y + BAR_H + 6;
const HEIGHT = AXIS_Y + 18;
const MIN_W = 3; // a phase is never thinner than this, so a 10-minute cut-over stays visible

/**
 * Draw `plan`'s timeline into `container` on a scale running to `maxSeconds` (the longest feasible
 * path). `onPick(phase)` is called when a phase is clicked. `boxWidth`, the container's width when
 * the caller read it (reading it here, after another bar was drawn, would lay the page out again
 * for every bar).
 */
export function renderMigrationBar(container, plan, maxSeconds, { onPick, boxWidth = container.clientWidth } = {}) {
  const width = Math.max(260, Math.floor(boxWidth || 600));
  const x0 = 2;
  const x1 = width - 14;
  const compact = width < 480;
  const step = tickStep(maxSeconds || 60, compact ? 3 : 6);
  const max = Math.max(step, Math.ceil((maxSeconds || 60) / step) * step);
  const x = (t) => x0 + (t / max) * (x1 - x0);

  const svg = el('svg', {
    width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'mbar-svg', role: 'group',
    'aria-label': `Timeline of ${plan.label}: ${plan.timeline.map((p) =>
      `${phaseName(p.phase)} ${humanDuration(p.end_seconds - p.start_seconds)}${p.writes_stopped ? ' (writes stopped)' : ''}`).join(', ')}`,
  });
  const defs = el('defs');
  const pat = el('pattern', { id: `mbar-hatch-${plan.path}`, width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pat.append(el('line', { x1: 0, y1: 0, x2: 0, y2: 5, stroke: 'rgb(255 255 255 / 55%)', 'stroke-width': 2 }));
  defs.append(pat);
  svg.append(defs);

  // Scale.
  const grid = el('g', { class: 'grid' });
  for (let t = 0; t <= max + 1e-9; t += step) {
    grid.append(el('line', { x1: x(t), x2: x(t), y1: BAR_Y - 3, y2: AXIS_Y }));
    grid.append(el('text', { x: x(t), y: AXIS_Y + 12, 'text-anchor': t === 0 ? 'start' : 'middle', class: 'tick' }, tickLabel(t)));
  }
  grid.append(el('rect', { x: x0, y: BAR_Y, width: x1 - x0, height: BAR_H, rx: 3, class: 'track' }));
  svg.append(grid);

  // Phases, each at least MIN_W wide; a phase pushed right by a widened predecessor keeps its end.
  let cursor = x0;
  for (const p of plan.timeline) {
    const start = Math.max(x(p.start_seconds), cursor);
    const end = Math.max(x(p.end_seconds), start + MIN_W);
    cursor = end;
    const info = MIGRATION_PHASES[p.phase] ?? { label: phaseName(p.phase), color: '#475569' };
    const d = humanDuration(p.end_seconds - p.start_seconds);
    const g = el('g', {
      class: `phase${p.writes_stopped ? ' stopped' : ''}`, 'data-phase': p.phase, tabindex: 0, role: 'button',
      'aria-label': `${info.label} ${d}${p.writes_stopped ? ', writes stopped' : ''}: show the breakdown`,
    });
    const rect = el('rect', { x: start, y: BAR_Y, width: end - start, height: BAR_H, fill: info.color });
    g.append(rect);
    if (p.writes_stopped) {
      g.append(el('rect', { x: start, y: BAR_Y, width: end - start, height: BAR_H, fill: `url(#mbar-hatch-${plan.path})`, class: 'hatch' }));
    }
    g.append(el('title', {}, `${info.label}: ${d}${p.writes_stopped ? ' — writes stopped (downtime)' : ''}, from ${humanDuration(p.start_seconds)} to ${humanDuration(p.end_seconds)}. Click for the breakdown.`));
    const text = `${info.label} ${d}`;
    if (end - start > text.length * 6.8 + 10) {
      g.append(el('text', { x: start + 5, y: BAR_Y + BAR_H / 2 + 4, class: 'phase-label' }, text));
    } else if (end - start > info.label.length * 6.8 + 10) {
      g.append(el('text', { x: start + 5, y: BAR_Y + BAR_H / 2 + 4, class: 'phase-label' }, info.label));
    }
    g.addEventListener('click', () => onPick?.(p));
    g.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter' && ev.key !== ' ') return;
      ev.preventDefault();
      onPick?.(p);
    });
    svg.append(g);
  }
  container.replaceChildren(svg);
}
