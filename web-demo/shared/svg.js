// SVG helpers shared by the demo's time charts (retention timelines, the backup plan's inventory
// and cost charts): element creation, UTC time-axis ticks and the axis itself.

const NS = 'http://www.w3.org/2000/svg';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function el(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const MIN = 60_000;
const STEPS = [MIN, 5 * MIN, 15 * MIN, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY];

/** Axis ticks (UTC) for a span of `span` ms over `px` pixels. */
export function axisTicks(t0, t1, px) {
  const maxTicks = Math.max(2, Math.floor(px / 90));
  const step = STEPS.find((s) => (t1 - t0) / s <= maxTicks) ?? 365 * DAY;
  const ticks = [];
  const start = step >= DAY ? Math.ceil(t0 / DAY) * DAY : Math.ceil(t0 / step) * step;
  for (let t = start; t <= t1 && ticks.length < 60; t += step) ticks.push(t);
  const iso = (t) => new Date(t).toISOString();
  const years = new Date(t0).getUTCFullYear() !== new Date(t1).getUTCFullYear();
  const label = (t) => {
    const s = iso(t);
    if (step < DAY) return `${s.slice(5, 10)} ${s.slice(11, 16)}`;
    return years || step >= 30 * DAY ? s.slice(0, 10) : s.slice(5, 10);
  };
  return ticks.map((t) => ({ t, label: label(t) }));
}

/** The time axis along `bottom` with vertical grid lines; no label within 40 px of `avoid`. */
export function drawAxis(svg, x, t0, t1, left, right, top, bottom, avoid) {
  const g = el('g', { class: 'r-axis' });
  for (const { t, label } of axisTicks(t0, t1, right - left)) {
    const xx = x(t);
    g.append(el('line', { x1: xx, x2: xx, y1: top, y2: bottom, class: 'r-grid' }));
    if (avoid !== undefined && Math.abs(xx - avoid) < 40) continue; // the "now" label is there
    g.append(el('text', { x: Math.min(xx, right - 16), y: bottom + 13, 'text-anchor': 'middle' }, label));
  }
  svg.append(g);
}


const widths = new WeakMap();
const drawn = new WeakMap();
const watcher = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
  for (const e of entries) widths.set(e.target, e.contentRect.width);
});

/**
 * A chart box's width, read from the layout once and then kept up to date by a ResizeObserver, so
 * drawing a chart after other DOM changes does not force the page to be laid out again (a box's
 * width changes on resizes only; the tabs redraw then through onWidthChange).
 */
export function boxWidth(container) {
  if (!widths.has(container) || !widths.get(container)) {
    widths.set(container, container.clientWidth);
    watcher?.observe(container);
  }
  drawn.set(container, Math.round(widths.get(container)));
  return widths.get(container);
}

/** The width the box's chart was last drawn at (to skip redrawing at the same width). */
export function drawnWidth(container) {
  return drawn.get(container);
}
