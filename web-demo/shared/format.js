// Formatting helpers shared by the panels. Figures the core already renders for people (`rto`,
// `rpo`, `recommendation`) are shown as given; these helpers only format what the core returns as
// raw numbers (term seconds, costs, axis ticks).

/** The core's own `human_duration` ("45 s", "15 min", "2 h 30 min", "3 d 4 h"); null → "unbounded". */
import { humanDuration as coreHumanDuration } from '../pkg/drplan_wasm.js';
export function humanDuration(seconds) {
  if (seconds === null || seconds === undefined) return 'unbounded';
  return coreHumanDuration(seconds);
}

/** Money as the core prints it in reports (`${:.2}`): "$230.44". */
export function usd(value) {
  return `$${Number(value).toFixed(2)}`;
}

/** Short axis label for a tick: "0", "30 min", "2 h", "1 d". */
export function tickLabel(seconds) {
  if (seconds === 0) return '0';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${+(seconds / 60).toFixed(1)} min`;
  if (seconds < 86400) return `${+(seconds / 3600).toFixed(1)} h`;
  return `${+(seconds / 86400).toFixed(1)} d`;
}

/** A "nice" tick step (1, 2, 5, 10, 15, 30 s/min, 1, 2, 3, 6, 12 h, 1, 2, 7 d) for a span. */
export function tickStep(span, maxTicks = 6) {
  const steps = [
    1, 2, 5, 10, 15, 30,
    60, 120, 300, 600, 900, 1800,
    3600, 7200, 10800, 21600, 43200,
    86400, 172800, 604800, 1209600, 2592000,
  ];
  for (const s of steps) if (span / s <= maxTicks) return s;
  return Math.ceil(span / maxTicks / 2592000) * 2592000;
}

export const DISRUPTIONS = ['az', 'region', 'corruption', 'account_compromise'];

export const DISRUPTION_LABELS = {
  az: 'AZ loss',
  region: 'Region loss',
  corruption: 'Corruption / ransomware',
  account_compromise: 'Account compromise',
};

export const DISRUPTION_SHORT = {
  az: 'AZ',
  region: 'Region',
  corruption: 'Corruption',
  account_compromise: 'Account',
};

export const BASIS_LABELS = {
  input: 'your input',
  documented: 'documented',
  derived: 'derived',
  heuristic: 'heuristic',
  unconfirmed: 'unconfirmed',
  planning_default: 'planning default',
};

/** "notify_escalate" → "notify & escalate", "restore_data" → "restore data". */
export function phaseLabel(name) {
  return name.replace(/_escalate$/, ' & escalate').replaceAll('_', ' ');
}

/** Create an element: h('td', {class: 'x', dataset: {testid: 'y'}}, 'text', child…). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}
