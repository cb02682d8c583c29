// "Backup plan" tab, lower half: what the plan holds and bills over time for one resource.
// `simulateBackupPlan` (the drplan core) creates every recovery point and copy the plan makes, moves
// them warm → cold → deleted, samples the inventory and finds its steady state, and derives the RPO
// per disruption from the plan alone; its records go unchanged into `backupCost` for the month-by-month
// bill with the embedded, sourced price book; `simulateRestoreTesting` runs a restore testing plan
// against the same plan and resource (how often it is tested, on which points, at what cost). This
// module only builds the inputs from the form and draws what the core returns.

import { simulateBackupPlan, backupCost, simulateRestoreTesting } from '../pkg/drplan_wasm.js';
import { toError } from '../shared/engine.js';
import { h, usd, humanDuration, DISRUPTION_LABELS } from '../shared/format.js';
import { el, drawAxis, boxWidth, DAY } from '../shared/svg.js';
import { renderIssueSummary } from '../shared/summary.js';

/** Resource types offered in the form (aws-backup.md §15 names). */
export const RESOURCE_TYPES = ['EBS', 'EFS', 'RDS', 'Aurora', 'DynamoDB', 'S3'];

/** Hours in a billing month: the cost engine's default (pricing.md §2). */
const HOURS_PER_MONTH = 730;

/** Cost components in the order they are stacked, with their labels and colours. */
export const COST_KINDS = [
  { kind: 'storage_warm', label: 'warm storage', color: '#1e40af' },
  { kind: 'storage_cold', label: 'cold storage', color: '#0e7490' },
  { kind: 'storage_continuous', label: 'continuous backup', color: '#7c3aed' },
  { kind: 'transfer', label: 'copy transfer', color: '#c2410c' },
  { kind: 'early_deletion', label: 'early deletion', color: '#b42318' },
  { kind: 'restore', label: 'restores', color: '#64748b' },
];

/** A component's figure in a month's (or the horizon's) `usd` totals: `<kind>_usd`. */
const usdOf = (totals, k) => totals[`${k.kind}_usd`] ?? 0;

/** RFC 3339 midnight UTC of the day `now` names, or null when `now` is not a time. */
export function startOf(now) {
  const ms = Date.parse(now);
  if (!Number.isFinite(ms)) return null;
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
}

/**
 * The core's inputs for the form's values: `[plan, resources, options]` for simulateBackupPlan and
 * `[records, book, options]` for backupCost (records filled in after the simulation).
 */
export function simulationArgs(parsed, planIndex, form, now) {
  const plan = parsed.plans[planIndex];
  const years = Number(form.years);
  const resource = {
    id: `${form.type.toLowerCase()}-1`,
    resource_type: form.type,
    region: form.region.trim() || null,
    size_gib: form.size === '' ? null : Number(form.size),
    change_rate: form.change === '' ? null : Number(form.change) / 100,
  };
  const horizonDays = Math.round(years * 365);
  const options = {
    start: startOf(now) ?? now,
    horizon_days: horizonDays,
    sample_every: '1d',
    // The form's resource stands for whatever the selections pick; vaults matter (air gap, locks).
    selections: null,
    vaults: parsed.vaults?.length ? parsed.vaults : null,
  };
  const costOptions = { horizon_months: Math.max(1, Math.floor((horizonDays * 24) / HOURS_PER_MONTH)) };
  return { plan, resources: [resource], options, costOptions, testing: restoreTestingArgs(form, options) };
}

/**
 * The restore testing plan of the form (one selection: every resource of the form's type), or
 * null for "no restore testing": `[testing, options]` for simulateRestoreTesting.
 */
function restoreTestingArgs(form, options) {
  if (!form.rtSchedule) return null;
  const window = form.rtWindow === '' ? null : Number(form.rtWindow);
  return {
    testing: {
      plan: {
        name: 'demo_restore_tests',
        schedule_expression: form.rtSchedule,
        recovery_point_selection: {
          algorithm: form.rtAlgorithm,
          recovery_point_types: ['SNAPSHOT', 'CONTINUOUS'],
          include_vaults: ['*'],
          selection_window_days: window,
        },
      },
      selections: [{
        name: 'demo_selection', protected_resource_type: form.type, protected_resource_arns: ['*'],
        iam_role_arn: 'arn:aws:iam::111122223333:role/restore-testing',
      }],
    },
    options: { start: options.start, horizon_days: options.horizon_days, seed: 1, list_picks: false },
  };
}

/** Run the simulation and the bill. Errors are kept per step: a bill can fail on a missing price. */
export function runSimulation(args) {
  const out = { ...args, simulation: null, error: null, cost: null, costError: null, records: null };
  if (!args.plan) return out;
  try {
    out.simulation = simulateBackupPlan(args.plan, args.resources, args.options);
  } catch (e) {
    out.error = toError(e);
    return out;
  }
  out.restoreTesting = null;
  out.restoreTestingError = null;
  if (args.testing) {
    try {
      out.restoreTesting = simulateRestoreTesting(args.testing.testing, args.plan, args.resources, args.testing.options);
    } catch (e) {
      out.restoreTestingError = toError(e);
    }
  }
  out.records = [...out.simulation.recovery_points, ...out.simulation.chain_bases];
  try {
    out.cost = backupCost(out.records, null, args.costOptions);
  } catch (e) {
    out.costError = toError(e);
  }
  return out;
}

// ---- Rendering ----------------------------------------------------------------------------------

const gib = (v) => `${Number(v).toLocaleString('en-US', { maximumFractionDigits: 1 })} GiB`;
const count = (lo, hi) => (lo === hi ? String(lo) : `${lo}–${hi}`);

/** Where an issue points: its input and JSON-pointer path. */
const where = (issue) => [issue.input, issue.path].filter(Boolean).join(' ') || '(whole input)';

/** One line on the steady state of the inventory. */
function steadyText(sim) {
  const ss = sim.inventory.steady_state;
  if (!ss.reached) return h('span', { class: 'none' }, ss.message);
  const t = ss.total;
  return [
    h('strong', {}, `Steady from ${ss.at.slice(0, 10)}`),
    `: ${count(t.min_count, t.max_count)} recovery points (${count(t.min_cold_count, t.max_cold_count)} cold), `,
    `${gib(t.min_gib)}${t.min_gib === t.max_gib ? '' : ` – ${gib(t.max_gib)}`} stored across every vault and Region.`,
  ];
}

/** Stacked areas of warm and cold GiB (all vaults and Regions) over the horizon. */
export function renderInventoryChart(container, sim) {
  const width = Math.max(300, Math.floor(boxWidth(container) || 800));
  const height = 200;
  const left = 56;
  const right = width - 34; // room for the last date label
  const top = 12;
  const bottom = height - 22;
  const inv = sim.inventory;
  const t0 = Date.parse(sim.start);
  const times = inv.sample_seconds.map((s) => t0 + s * 1000);
  const t1 = Math.max(times[times.length - 1] ?? t0, t0 + DAY);
  const warm = inv.total.warm_gib;
  const cold = inv.total.cold_gib;
  const ymax = Math.max(1, ...warm.map((w, i) => w + cold[i])) * 1.1;
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
  const y = (v) => bottom - (v / ymax) * (bottom - top);
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'b-chart-svg', role: 'img', 'data-testid': 'inventory-chart' });
  svg.setAttribute('aria-label', `GiB stored over ${times.length} samples: warm and cold, up to ${gib(ymax / 1.1)}`);
  drawAxis(svg, x, t0, t1, left, right, top, bottom);
  const tib = ymax >= 2048;
  yAxis(svg, ymax, y, left, right, (v) => `${v} ${tib ? 'TiB' : 'GiB'}`, tib ? 1024 : 1);
  const area = (lo, hi) => {
    const up = times.map((t, i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(hi[i]).toFixed(1)}`).join('');
    const down = times.map((t, i) => `L${x(t).toFixed(1)},${y(lo[i]).toFixed(1)}`).reverse().join('');
    return `${up}${down}Z`;
  };
  const zero = warm.map(() => 0);
  const stacked = warm.map((w, i) => w + cold[i]);
  svg.append(el('path', { d: area(zero, warm), class: 'b-area-warm' }));
  svg.append(el('path', { d: area(warm, stacked), class: 'b-area-cold' }));
  const ss = inv.steady_state;
  if (ss.reached) {
    const xs = x(t0 + ss.at_seconds * 1000);
    svg.append(el('line', { x1: xs, x2: xs, y1: top, y2: bottom, class: 'b-steady-line' }));
    svg.append(el('text', { x: Math.min(xs + 4, right - 70), y: top + 10, class: 'b-steady-label' }, 'steady state'));
  }
  container.replaceChildren(svg);
}

/** Horizontal grid lines and labels at round values of `ymax / div` (the unit shown), ≤ 6 of them. */
function yAxis(svg, ymax, y, left, right, label, div = 1) {
  const top = ymax / div;
  const mag = 10 ** Math.floor(Math.log10(top / 5 || 1));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => top / s <= 5) ?? 10 * mag;
  for (let k = 0; k * step <= top + 1e-9; k += 1) {
    const v = +(k * step).toPrecision(6);
    svg.append(el('line', { x1: left, x2: right, y1: y(v * div), y2: y(v * div), class: 'r-grid' }));
    svg.append(el('text', { x: left - 5, y: y(v * div) + 4, 'text-anchor': 'end', class: 'r-axis-y' }, label(v)));
  }
}

/** Monthly bill as stacked bars per component, the steady-state month marked. */
export function renderCostChart(container, cost) {
  const width = Math.max(300, Math.floor(boxWidth(container) || 800));
  const height = 200;
  const left = 56;
  const right = width - 12;
  const top = 12;
  const bottom = height - 22;
  const months = cost.months;
  const total = (m) => COST_KINDS.reduce((s, k) => s + usdOf(m.usd, k), 0);
  const ymax = Math.max(0.01, ...months.map(total)) * 1.1;
  const bw = (right - left) / Math.max(1, months.length);
  const y = (v) => bottom - (v / ymax) * (bottom - top);
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'b-chart-svg', role: 'img', 'data-testid': 'cost-chart' });
  svg.setAttribute('aria-label', `Monthly bill over ${months.length} months, up to ${usd(ymax / 1.1)}`);
  yAxis(svg, ymax, y, left, right, (v) => `$${v}`);
  const from = cost.steady_state.reached ? cost.steady_state.from_month : null;
  months.forEach((m, i) => {
    let base = 0;
    const g = el('g', { class: `b-bar${from !== null && m.month >= from ? ' steady' : ''}`, 'data-month': m.month });
    for (const k of COST_KINDS) {
      const v = usdOf(m.usd, k);
      if (v <= 0) continue;
      g.append(el('rect', { x: left + i * bw + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(base + v), height: Math.max(0.5, y(base) - y(base + v)), fill: k.color }));
      base += v;
    }
    g.append(el('title', {}, `month ${m.month}: ${usd(m.usd.total_usd)}`));
    svg.append(g);
  });
  const every = Math.max(1, Math.ceil(months.length / Math.max(2, Math.floor((right - left) / 60))));
  months.forEach((m, i) => {
    if (i % every === 0) svg.append(el('text', { x: left + (i + 0.5) * bw, y: bottom + 13, 'text-anchor': 'middle', class: 'r-axis-y' }, `m${m.month}`));
  });
  if (from !== null) {
    const xs = left + (from - 1) * bw;
    svg.append(el('line', { x1: xs, x2: xs, y1: top, y2: bottom, class: 'b-steady-line' }));
    svg.append(el('text', { x: Math.min(xs + 4, right - 70), y: top + 10, class: 'b-steady-label' }, 'steady state'));
  }
  container.replaceChildren(svg);
}

function legend(items) {
  return h('ul', { class: 'b-legend' }, items.map(([label, cls, color]) => h('li', {},
    h('span', { class: `swatch ${cls ?? ''}`, style: color ? `background:${color}` : null }), label)));
}

/** RPO per disruption for the resource, each with its terms behind a disclosure. */
function rpoTable(resource) {
  return h('div', { class: 'b-table-wrap' }, h('table', { class: 'b-rpo', 'data-testid': 'rpo-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Disruption'), h('th', {}, 'Worst RPO'), h('th', {}, 'Typical'), h('th', {}, 'From'))),
    h('tbody', {}, resource.rpo.map((r) => h('tr', { class: r.covered ? 'covered' : 'uncovered', dataset: { disruption: r.disruption } },
      h('th', { scope: 'row' }, DISRUPTION_LABELS[r.disruption] ?? r.disruption),
      h('td', { class: 'num' }, r.covered ? r.worst : h('span', { class: 'fail' }, 'not covered')),
      h('td', { class: 'num' }, r.covered && r.typical_seconds !== null ? humanDuration(r.typical_seconds) : '—'),
      h('td', {},
        r.mechanism,
        r.terms.length || r.notes.length
          ? h('details', {}, h('summary', {}, 'why'),
            h('ul', {}, r.terms.map((t) => h('li', {},
              h('strong', {}, t.name.replaceAll('_', ' ')), ` ${humanDuration(t.seconds)} — ${t.formula} `,
              h('span', { class: `basis basis-${t.basis}` }, t.basis), h('div', { class: 'source' }, t.source)))),
            r.notes.map((n) => h('p', { class: 'note' }, n)))
          : null))))));
}

/** The components of one month's bill, largest first, with formula and price source. */
function costBreakdown(cost) {
  const ss = cost.steady_state;
  const month = cost.months.find((m) => m.month === (ss.reached ? ss.from_month : cost.months.length)) ?? cost.months[cost.months.length - 1];
  const lines = [...(month?.lines ?? [])].sort((a, b) => b.usd - a.usd);
  const label = (k) => COST_KINDS.find((c) => c.kind === k)?.label ?? k.replaceAll('_', ' ');
  return h('div', {},
    h('p', { class: 'b-cost-month' }, ss.reached
      ? [h('strong', {}, `Steady-state bill ${usd(ss.monthly_usd)} a month`), ` from month ${ss.from_month}; month ${month.month} in detail:`,
        h('span', { class: 'hint b-cost-why' }, ` (${ss.explanation})`)]
      : [h('span', { class: 'none' }, ss.explanation), ` Month ${month?.month ?? '—'} in detail:`]),
    h('div', { class: 'b-table-wrap' }, h('table', { class: 'b-cost-table', 'data-testid': 'cost-breakdown' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Charge'), h('th', {}, 'Where'), h('th', {}, 'Quantity'), h('th', {}, 'Price'), h('th', { class: 'num' }, 'USD'))),
      h('tbody', {}, lines.map((l) => h('tr', { title: l.formula },
        h('td', {}, `${label(l.kind)} (${l.resource_type})`),
        h('td', {}, [l.region, l.vault].filter(Boolean).join(' · ')),
        h('td', { class: 'num' }, `${+l.quantity.toFixed(3)} ${l.quantity_unit.replaceAll('_', '-')}`),
        h('td', {}, `$${l.rate_usd} `, h('span', { class: 'source' }, l.price_key), h('div', { class: 'source' }, l.price_source)),
        h('td', { class: 'num' }, usd(l.usd))))),
      h('tfoot', {}, h('tr', {}, h('th', { colspan: 4, scope: 'row' }, 'Total'), h('td', { class: 'num' }, usd(month?.usd.total_usd ?? 0)))))));
}

/** Fill the section from a runSimulation result. */
export function renderSimulation(els, run) {
  renderIssueSummary(els.error, { issues: run.error?.issues ?? [], error: run.error, where, noun: 'simulation' });
  els.out.hidden = !run.simulation;
  if (!run.simulation) return;
  const sim = run.simulation;
  const resource = sim.resources[0];
  els.steady.replaceChildren(...[steadyText(sim)].flat(),
    ` ${sim.point_count.toLocaleString('en-US')} points created over ${Math.round(sim.horizon_seconds / 86400)} days.`);
  renderInventoryChart(els.inventory, sim);
  els.inventoryLegend.replaceChildren(legend([['warm', 'b-swatch-warm'], ['cold', 'b-swatch-cold']]));
  els.rpo.replaceChildren(resource.protected ? rpoTable(resource) : h('p', { class: 'fail' }, 'The resource is not protected by this plan.'));
  els.coverage.replaceChildren(...resource.coverage.map((c) => h('li', {}, c)));
  els.notes.replaceChildren(...sim.notes.map((n) => h('li', {}, h('code', {}, n.code), n.path ? ` (${n.input ?? ''} ${n.path})` : '', ' ', n.message)));
  renderRestoreTesting(els, run);
  renderIssueSummary(els.costError, { issues: run.costError?.issues ?? [], error: run.costError, where, noun: 'bill' });
  els.cost.hidden = !run.cost;
  if (!run.cost) return;
  renderCostChart(els.costChart, run.cost);
  els.costLegend.replaceChildren(legend(COST_KINDS
    .filter((k) => usdOf(run.cost.horizon_usd, k) > 0)
    .map((k) => [k.label, null, k.color])));
  els.breakdown.replaceChildren(costBreakdown(run.cost));
  els.costNotes.replaceChildren(...run.cost.issues.map((n) => h('li', {}, h('code', {}, n.code), ' ', n.message)));
}

/** How often the restore testing plan tests the resource, on which points, and what it costs. */
function renderRestoreTesting(els, run) {
  renderIssueSummary(els.rtError, { issues: run.restoreTestingError?.issues ?? [], error: run.restoreTestingError, where, noun: 'restore testing' });
  const rt = run.restoreTesting;
  if (!rt) {
    els.rtSummary.replaceChildren(run.testing ? '' : h('span', { class: 'none' }, 'No restore testing: nothing proves these recovery points restore.'));
    els.rtCost.replaceChildren();
    return;
  }
  const r = rt.resources[0];
  const days = Math.round(rt.horizon_seconds / 86400);
  if (!r || r.tests === 0) {
    els.rtSummary.replaceChildren(h('strong', { class: 'fail' }, 'Never tested'), `: ${r?.why ?? 'no resource'} (${r?.never_tested ?? ''}).`);
  } else {
    els.rtSummary.replaceChildren(
      h('strong', {}, `Tested ${r.tests.toLocaleString('en-US')} times in ${days} days`),
      ` (${rt.runs.length.toLocaleString('en-US')} runs of ${rt.schedule_expression}); longest stretch without a test ${humanDuration(r.longest_untested_seconds)}; `,
      `the restored points are on average ${humanDuration(r.mean_point_age_seconds ?? 0)} old.`);
  }
  const c = rt.cost;
  els.rtCost.replaceChildren(
    h('li', {}, `Test cost over the horizon: ${usd(c.priced_usd)}${c.complete ? '' : ' priced, plus what the book cannot price'} for ${c.tests.toLocaleString('en-US')} tests restoring ${gib(c.restore_gib)}.`),
    ...c.lines.filter((l) => l.usd == null).map((l) => h('li', {}, h('code', {}, l.key), ` ${l.item}: not priced (${l.unpriced}).`)),
    ...c.notes.slice(1).map((n) => h('li', {}, n)));
}
