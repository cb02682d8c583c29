// The strategy cards: compliance, standby cost, RTO/RPO per disruption — every figure clickable.

import { h, usd, humanDuration, DISRUPTIONS, DISRUPTION_SHORT, DISRUPTION_LABELS } from '../shared/format.js';
import { explainFigure, explainCost } from '../shared/explain.js';

/** The strategy the page recommends: the cheapest compliant one, else the closest. */
export function recommended(assessment) {
  return assessment.cheapest_compliant ?? assessment.closest ?? null;
}

function figureCell(s, est, metric, check) {
  const text = metric === 'rto' ? est.rto : est.rpo;
  const state = !est.applicable ? 'na' : !est.covered ? 'uncovered' : check ? (check.pass ? 'pass' : 'fail') : 'none';
  const verdict = { pass: 'meets target', fail: 'misses target', none: 'no target', na: 'not applicable', uncovered: 'not covered' }[state];
  return h('div', { role: 'cell', class: `fig ${state}` },
    h('button', {
      type: 'button',
      class: 'figure',
      dataset: { testid: `${metric}-${s.strategy}-${est.disruption}` },
      'aria-label': `${check ? check.reason : `${DISRUPTION_LABELS[est.disruption]} ${metric.toUpperCase()} ${text}, ${verdict}`}. Show breakdown`,
      title: check ? check.reason : verdict,
      onclick: () => explainFigure(s, est.disruption, metric),
    }, text));
}

/** One line per failed check, short; the core's full reason is its title and in the breakdown. */
function failureLine(s, check) {
  const est = s.estimates.find((e) => e.disruption === check.disruption);
  const value = check.metric === 'rto' ? est?.rto : est?.rpo;
  return h('li', {},
    h('button', {
      type: 'button', class: 'link failure', title: check.reason,
      'aria-label': `${check.reason}. Show breakdown`,
      onclick: () => explainFigure(s, check.disruption, check.metric),
    }, `${DISRUPTION_SHORT[check.disruption]} ${check.metric.toUpperCase()} ${value ?? '?'}`),
    h('span', { class: 'vs' }, ` (target ${humanDuration(check.target_seconds)})`));
}

function card(s, { best }) {
  const failed = s.checks.filter((c) => !c.pass);
  const cost = s.monthly_cost;
  const headingId = `card-${s.strategy}`;
  const rows = DISRUPTIONS.map((d) => {
    const est = s.estimates.find((e) => e.disruption === d);
    if (!est) return h('div', { class: 'fig-row', role: 'row' });
    const check = (m) => s.checks.find((c) => c.disruption === d && c.metric === m);
    return h('div', { class: 'fig-row', role: 'row' },
      h('span', { role: 'rowheader', class: 'row-label' }, DISRUPTION_LABELS[d]),
      figureCell(s, est, 'rto', check('rto')),
      figureCell(s, est, 'rpo', check('rpo')));
  });
  return h('article', {
    class: `card${s.compliant ? ' compliant' : ' noncompliant'}${best ? ' best' : ''}`,
    dataset: { testid: `strategy-${s.strategy}`, compliant: String(s.compliant) },
    'aria-labelledby': headingId,
  },
  h('header', {},
    best ? h('span', { class: 'ribbon' }, s.compliant ? 'Recommended' : 'Closest') : null,
    h('h3', { id: headingId }, s.label),
    h('p', { class: 'site' }, s.recovery_site)),
  h('div', { class: 'verdict-box' },
    s.compliant
      ? h('p', { class: 'status ok' }, 'Meets every target')
      : h('p', { class: 'status fail' }, `Misses ${failed.length} target${failed.length === 1 ? '' : 's'}`),
    failed.length ? h('ul', { class: 'failures', 'aria-label': 'Failed checks' }, failed.map((c) => failureLine(s, c))) : null),
  h('div', { class: 'cost' },
    h('div', { class: 'cost-line' },
      h('button', {
        type: 'button', class: 'figure money',
        dataset: { testid: `cost-${s.strategy}` },
        'aria-label': `Standby cost ${usd(cost.total_usd)} per month${cost.complete ? '' : ', lower bound'}. Show breakdown`,
        onclick: () => explainCost(s),
      }, usd(cost.total_usd)),
      h('span', { class: 'per' }, '/ month')),
    cost.complete ? null : h('p', { class: 'lower-bound', title: `unpriced: ${cost.unpriced.join('; ')}` }, 'lower bound: prices missing'),
    cost.items.length
      ? h('details', { class: 'items' },
        h('summary', {}, `${cost.items.length} cost item${cost.items.length === 1 ? '' : 's'}`),
        h('ul', {}, cost.items.map((it) => h('li', { title: `${it.formula} — ${it.source}` },
          h('span', {}, it.item, it.component ? ` (${it.component})` : ''), h('span', { class: 'usd' }, usd(it.usd))))))
      : h('p', { class: 'no-items' }, 'no standby resources')),
  // Visually a table whose row labels are shared by all cards (see .row-legend); for assistive
  // technology a table of its own, with its own row headers.
  h('div', { role: 'table', class: 'fig-table', 'aria-label': `${s.label}: RTO and RPO per disruption` },
    h('div', { class: 'fig-row fig-head', role: 'row' },
      h('span', { role: 'columnheader', class: 'row-label' }, 'Disruption'),
      h('span', { role: 'columnheader' }, 'RTO'),
      h('span', { role: 'columnheader' }, 'RPO')),
    rows));
}

export function renderCards(container, assessment) {
  const best = recommended(assessment);
  const legend = h('div', { class: 'row-legend', 'aria-hidden': 'true' },
    h('span', { class: 'slot-header' }), h('span', { class: 'slot-verdict' }), h('span', { class: 'slot-cost' }),
    h('span', { class: 'fig-head' }),
    DISRUPTIONS.map((d) => h('span', { class: 'legend-label' }, DISRUPTION_LABELS[d])));
  container.style.setProperty('--strategies', String(assessment.strategies.length));
  container.replaceChildren(legend, ...assessment.strategies.map((s) => card(s, { best: s.strategy === best })));
}
