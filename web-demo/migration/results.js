// The Migration tab's answer: the ranked feasible paths (why, duration, downtime, cost, timeline,
// what to prepare, what to re-create by hand, the steps), the excluded paths with every reason,
// and the assumptions behind the figures. Texts the core renders for people (`why`, `duration`,
// `downtime`, messages) are shown as given.

import { h, usd, humanDuration } from '../shared/format.js';
import { show } from '../shared/explain.js';
import { renderMigrationBar, phaseName, MIGRATION_PHASES } from './chart.js';
import { assumedValue } from './form.js';

const KIND_LABELS = { one_time: 'one-time copy', ongoing: 'copy + ongoing replication' };
const STATUS_LABELS = {
  sourced: 'sourced', derived: 'derived', heuristic: 'heuristic', unconfirmed: 'unconfirmed', caller: 'your input',
};

function ref(reference) {
  return h('span', { class: 'ref', title: reference.source }, reference.section);
}

function costCell(plan) {
  const c = plan.cost;
  const unpriced = c.lines.filter((l) => l.usd === null);
  if (c.total_usd !== null) {
    return [
      h('span', { class: 'value', dataset: { testid: `migration-cost-${plan.path}` }, title: c.note }, usd(c.total_usd)),
      c.lines.length ? null : h('span', { class: 'sub' }, 'no charges drplan models'),
    ];
  }
  return [
    h('span', { class: 'value not-priced', dataset: { testid: `migration-cost-${plan.path}` }, title: c.note }, 'not priced'),
    h('span', { class: 'sub' },
      `${unpriced.map((l) => l.item).join(', ')}: ${unpriced.map((l) => l.source.replace(/^not priced:\s*/, '')).join('; ')}`,
      c.priced_usd > 0 ? ` (priced lines ${usd(c.priced_usd)})` : ''),
  ];
}

const rate = (bps) => assumedValue({ unit: 'bit/s', value: bps });
const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function itemList(items, empty) {
  if (!items.length) return h('p', { class: 'muted' }, empty);
  return h('ul', { class: 'items-list' }, items.map((it) => h('li', {}, it.text, ' ', h('span', { class: 'src' }, it.source))));
}

function conversionBlock(sc) {
  if (!sc) return null;
  const range = sc.effort_hours_low === null
    ? 'effort unknown (no assessment counts)'
    : `${sc.effort_hours_low}–${sc.effort_hours_high} person-hours${sc.calendar_seconds ? `, ${humanDuration(sc.calendar_seconds)} reserved in the timeline` : ''}`;
  return h('div', { class: 'plan-block' },
    h('h4', {}, `Schema conversion (${sc.tool === 'sct' ? 'AWS SCT' : 'DMS Schema Conversion'})`),
    h('p', {}, range),
    h('p', { class: 'src' }, sc.basis, ' — ', sc.source));
}

/** The drawer for one phase: its terms, formulas and the assumptions they used. */
function explainPhase(plan, phase, report) {
  const byName = new Map(report.assumptions.map((a) => [a.name, a]));
  const d = phase.end_seconds - phase.start_seconds;
  show(`${plan.label} · ${phaseName(phase.phase)}`, humanDuration(d),
    h('p', { class: 'mechanism' }, phase.writes_stopped
      ? 'Writes to the source are stopped during this phase: it counts as downtime.'
      : 'The source keeps serving writes during this phase.'),
    h('p', { class: 'muted' }, `From ${humanDuration(phase.start_seconds)} to ${humanDuration(phase.end_seconds)} after the start.`),
    h('h3', {}, 'Terms'),
    phase.terms.length
      ? h('ol', { class: 'terms' }, phase.terms.map((t) => h('li', { class: 'term' },
        h('div', { class: 'term-head' },
          h('span', { class: 'term-name' }, t.what),
          h('span', { class: 'term-value', title: `${t.seconds} s` }, humanDuration(t.seconds))),
        h('dl', {},
          h('dt', {}, 'formula'), h('dd', {}, h('code', {}, t.formula)),
          t.assumptions.length ? [h('dt', {}, 'assumptions'), h('dd', {}, t.assumptions.map((n, i) => {
            if (n === 'network' && report.network) {
              return [i ? ', ' : '', h('code', {}, n), ` = ${rate(report.network.effective_bps)} effective`];
            }
            const a = byName.get(n);
            return [i ? ', ' : '', h('code', {}, n), a ? [' = ', assumedValue(a), ' ', h('span', { class: `astatus astatus-${a.status}`, title: a.basis }, STATUS_LABELS[a.status] ?? a.status)] : ''];
          }))] : null))))
      : h('p', { class: 'muted' }, 'No terms.'),
    h('p', { class: 'total' }, h('span', {}, 'Phase'), h('strong', {}, humanDuration(d))));
}

function planCard(plan, report) {
  const headingId = `m-plan-${plan.path}`;
  const best = plan.path === report.recommended;
  const bar = h('div', { class: 'mbar', dataset: { path: plan.path } });
  const lines = plan.cost.lines;
  return h('article', {
    class: `plan${best ? ' best' : ''}`,
    dataset: { testid: `migration-path-${plan.path}`, rank: String(plan.rank), path: plan.path },
    'aria-labelledby': headingId,
  },
  h('header', {},
    h('span', { class: 'rank', 'aria-label': `rank ${plan.rank}` }, `#${plan.rank}`),
    h('div', { class: 'title' },
      best ? h('span', { class: 'ribbon' }, 'Recommended') : null,
      h('h3', { id: headingId }, plan.label),
      h('p', { class: 'meta' }, h('code', {}, plan.path), ' · ', KIND_LABELS[plan.kind] ?? plan.kind, ' · ', ref(plan.reference)))),
  h('p', { class: 'why' }, plan.why),
  h('dl', { class: 'figures' },
    h('div', {}, h('dt', {}, 'Duration'), h('dd', {}, h('span', { class: 'value', dataset: { testid: `migration-duration-${plan.path}` } }, plan.duration))),
    h('div', {}, h('dt', {}, 'Downtime'), h('dd', {}, h('span', { class: 'value', dataset: { testid: `migration-downtime-${plan.path}` } }, plan.downtime))),
    h('div', { class: 'cost-fig' }, h('dt', {}, 'Migration cost'), h('dd', {}, costCell(plan))),
    h('div', { class: 'risk-fig' }, h('dt', {}, 'Effort · risk'), h('dd', {}, h('span', { class: 'value', title: 'effort 1 = a console action … 5 = an offline shipment; risk = risk notes (informational ones excluded) + placeholder warnings' }, `${plan.effort} · ${plan.risk}`)))),
  bar,
  plan.warnings.length ? h('ul', { class: 'placeholder-warnings', 'aria-label': 'Feasible only if a placeholder is beaten', dataset: { testid: `migration-warnings-${plan.path}` } }, plan.warnings.map((w) =>
    h('li', {},
      w.break_even ? h('span', { class: 'break-even', dataset: { testid: `migration-break-even-${plan.path}` }, title: `${w.break_even_seconds} s` }, `break-even ≤ ${w.break_even}`) : null,
      ' ', w.message, ' ', h('span', { class: 'src' }, w.source)))) : null,
  plan.notes.length ? h('ul', { class: 'risks', 'aria-label': 'Risks and caveats' }, plan.notes.map((n) =>
    h('li', {}, h('code', {}, n.code), ' ', n.message, ' ', h('span', { class: 'src' }, n.source)))) : null,
  h('details', { class: 'plan-details', open: best },
    h('summary', {}, `${count(plan.steps.length, 'step')} · ${count(plan.prerequisites.length, 'prerequisite')} · ${plan.recreate_by_hand.length} to re-create by hand`),
    h('div', { class: 'plan-grid' },
      h('div', { class: 'plan-block plan-steps' }, h('h4', {}, 'Steps'), h('ol', {}, plan.steps.map((s) => h('li', {}, s)))),
      h('div', { class: 'plan-block' }, h('h4', {}, 'Before you start'), itemList(plan.prerequisites, 'No prerequisites beyond the steps.')),
      h('div', { class: 'plan-block' }, h('h4', {}, 'Re-create by hand'), itemList(plan.recreate_by_hand, 'Nothing: the path carries everything over.'))),
    conversionBlock(plan.schema_conversion)),
  h('details', { class: 'checks' },
    h('summary', {}, `Checks passed (${plan.checks.length})${lines.length ? ` · cost lines (${lines.length})` : ''}`),
    h('ul', {}, plan.checks.map((c) => h('li', {}, h('span', { class: 'ok-mark', 'aria-hidden': 'true' }, '✓ '), h('code', {}, c.code), ' ', c.detail, ' ', ref(c.reference)))),
    lines.length ? h('table', { class: 'cost-lines' },
      h('thead', {}, h('tr', {}, ['item', 'quantity', 'unit price', 'USD'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, lines.map((l) => h('tr', { title: l.source },
        h('td', {}, l.item),
        h('td', {}, `${+l.quantity.toPrecision(4)} ${l.unit}`),
        h('td', {}, l.unit_usd === null ? '—' : `$${l.unit_usd}`),
        h('td', {}, l.usd === null ? 'not priced' : usd(l.usd)))))) : null,
    h('p', { class: 'src' }, plan.cost.note)));
}

function excludedItem(x) {
  const e = x.estimate;
  return h('li', { class: 'excluded', dataset: { testid: `migration-excluded-${x.path}`, path: x.path } },
    h('div', { class: 'excluded-head' },
      h('strong', {}, x.label), ' ', h('code', {}, x.path), ' ', ref(x.reference)),
    h('ul', { class: 'reasons' }, x.reasons.map((r) => h('li', {},
      h('code', { class: 'reason-code' }, r.code), ' ', r.message, ' ', ref(r.reference)))),
    e ? h('p', { class: 'would' },
      `Would take ${humanDuration(e.duration_seconds)} with ${humanDuration(e.downtime_seconds)} of downtime`,
      e.cost_total_usd === null ? ' (cost not priced)' : `, ${usd(e.cost_total_usd)}`, '.') : null);
}

let barWidth = 0;

/**
 * Render the report into the panel's containers; returns a function that redraws the bars (for
 * resizes).
 */
export function renderMigration(els, report) {
  const plans = report.feasible;
  els.paths.replaceChildren(...plans.map((p) => planCard(p, report)));
  els.pathsCount.textContent = String(plans.length);
  els.noPaths.hidden = plans.length > 0;
  els.excluded.replaceChildren(...report.excluded.map(excludedItem));
  els.excludedCount.textContent = String(report.excluded.length);
  els.phaseLegend.replaceChildren(
    ...Object.entries(MIGRATION_PHASES)
      .filter(([k]) => plans.some((p) => p.timeline.some((t) => t.phase === k)))
      .map(([, v]) => h('li', {}, h('span', { class: 'swatch', style: `background:${v.color}` }), v.label)),
    ...(plans.some((p) => p.timeline.some((t) => t.writes_stopped)) ? [h('li', {}, h('span', { class: 'swatch stopped' }), 'writes stopped (downtime)')] : []),
  );
  els.phaseLegend.hidden = plans.length === 0;

  els.assumptionCount.textContent = String(report.assumptions.length);
  els.assumptions.replaceChildren(...report.assumptions.map((a) => h('tr', {},
    h('th', { scope: 'row' }, h('code', {}, a.name)),
    h('td', { class: 'num', title: `${a.value} ${a.unit}` }, assumedValue(a)),
    h('td', {}, h('span', { class: `astatus astatus-${a.status}` }, STATUS_LABELS[a.status] ?? a.status)),
    h('td', {}, a.basis),
    h('td', { class: 'src' }, a.source))));

  // The bars' width: read once (a forced layout of the freshly built cards) and again only when
  // the list changes width (`redraw`); every card's bar box has the same width.
  const draw = (measure) => {
    const max = Math.max(60, ...plans.map((p) => p.duration_seconds));
    const bars = plans.map((p) => ({ p, box: els.paths.querySelector(`.mbar[data-path="${p.path}"]`) })).filter((b) => b.box);
    if (bars.length && (measure || !barWidth)) barWidth = bars[0].box.clientWidth;
    for (const { p, box } of bars) {
      renderMigrationBar(box, p, max, { boxWidth: barWidth, onPick: (phase) => explainPhase(p, phase, report) });
    }
  };
  draw(false);
  return () => draw(true);
}

/** The headline: the recommended path, or why there is none. */
export function renderHeadline(box, title, text, report) {
  const best = report.feasible[0];
  box.classList.toggle('none-compliant', !best);
  title.textContent = best ? 'Recommended path' : 'No feasible path';
  if (best) {
    text.replaceChildren(
      h('strong', {}, best.label),
      h('span', { class: 'headline-why' }, best.why),
      report.ranking_reason ? h('span', { class: 'headline-why ranking-reason', dataset: { testid: 'migration-ranking-reason' } }, `Why first: ${report.ranking_reason}`) : null,
      best.warnings.length ? h('span', { class: 'headline-why headline-break-even', dataset: { testid: 'migration-headline-break-even' } },
        best.warnings.map((w) => w.message).join(' ')) : null);
  } else {
    const codes = [...new Set(report.excluded.flatMap((x) => x.reasons.map((r) => r.code)))];
    text.replaceChildren(
      h('strong', {}, 'No path fits this scenario.'),
      h('span', { class: 'headline-why' },
        `Every path is excluded (${codes.slice(0, 6).join(', ')}${codes.length > 6 ? ', …' : ''}): see why below, then relax a constraint or change a source setting.`));
  }
}

/** The data-transfer line: size over the effective link. */
export function renderTransfer(el, report) {
  const n = report.network;
  const parts = [];
  if (n) {
    parts.push(h('span', {},
      'Moving the data over the link takes ', h('strong', {}, n.duration), ' at ',
      `${rate(n.effective_bps)} (${+(n.utilization * 100).toPrecision(3)} % of ${rate(n.bandwidth_bps)})`,
      h('span', { class: 'src', title: n.formula }, ` — ${n.source}`)));
  } else {
    parts.push(h('span', {}, 'No link given: in-AWS copies are limited only by the tools’ rates.'));
  }
  if (report.engine_change) parts.push(h('span', { class: 'chip' }, 'engine change: schema conversion needed'));
  el.replaceChildren(...parts);
}
