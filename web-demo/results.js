// The strategy cards: compliance, standby cost, RTO/RPO per disruption — every figure clickable.

import { h, usd, DISRUPTIONS, DISRUPTION_SHORT, DISRUPTION_LABELS } from './format.js';
import { explainFigure, explainCost } from './explain.js';

/** The strategy the page recommends: the cheapest compliant one, else the closest. */
export function recommended(assessment) {
  return assessment.cheapest_compliant ?? assessment.closest ?? null;
}

function figureCell(s, est, metric, check) {
  const text = metric === 'rto' ? est.rto : est.rpo;
  const state = !est.applicable ? 'na' : !est.covered ? 'uncovered' : check ? (check.pass ? 'pass' : 'fail') : 'none';
  const verdict = { pass: 'meets target', fail: 'misses target', none: 'no target', na: 'not applicable', uncovered: 'not covered' }[state];
  return h('td', { class: `fig ${state}` },
    h('button', {
      type: 'button',
      class: 'figure',
      dataset: { testid: `${metric}-${s.strategy}-${est.disruption}` },
      'aria-label': `${s.label}, ${DISRUPTION_LABELS[est.disruption]} ${metric.toUpperCase()} ${text}: ${check ? check.reason : verdict}. Show breakdown`,
      title: check ? check.reason : verdict,
      onclick: () => explainFigure(s, est.disruption, metric),
    }, text));
}

function card(s, { best }) {
  const failed = s.checks.filter((c) => !c.pass);
  const cost = s.monthly_cost;
  const headingId = `card-${s.strategy}`;
  const status = s.compliant
    ? h('p', { class: 'status ok' }, 'Meets every target')
    : h('p', { class: 'status fail' }, `Misses ${failed.length} target${failed.length === 1 ? '' : 's'}`);
  const rows = DISRUPTIONS.map((d) => {
    const est = s.estimates.find((e) => e.disruption === d);
    if (!est) return null;
    const check = (m) => s.checks.find((c) => c.disruption === d && c.metric === m);
    return h('tr', {},
      h('th', { scope: 'row', title: DISRUPTION_LABELS[d] }, DISRUPTION_SHORT[d]),
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
  status,
  failed.length ? h('ul', { class: 'failures' }, s.failures.map((f) => h('li', {}, f))) : null,
  h('div', { class: 'cost' },
    h('div', { class: 'cost-line' },
      h('button', {
        type: 'button', class: 'figure money',
        dataset: { testid: `cost-${s.strategy}` },
        'aria-label': `${s.label} standby cost ${usd(cost.total_usd)} per month${cost.complete ? '' : ', lower bound'}. Show breakdown`,
        onclick: () => explainCost(s),
      }, usd(cost.total_usd)),
      h('span', { class: 'per' }, '/ month standby')),
    cost.complete ? null : h('p', { class: 'lower-bound', title: `unpriced: ${cost.unpriced.join('; ')}` }, 'lower bound: prices missing'),
    cost.items.length
      ? h('details', { class: 'items' },
        h('summary', {}, `${cost.items.length} cost item${cost.items.length === 1 ? '' : 's'}`),
        h('ul', {}, cost.items.map((it) => h('li', { title: `${it.formula} — ${it.source}` },
          h('span', {}, it.item, it.component ? ` (${it.component})` : ''), h('span', { class: 'usd' }, usd(it.usd))))))
      : null),
  h('table', { class: 'figures' },
    h('caption', { class: 'visually-hidden' }, `${s.label}: RTO and RPO per disruption`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Disruption')),
      h('th', { scope: 'col' }, 'RTO'), h('th', { scope: 'col' }, 'RPO'))),
    h('tbody', {}, rows)));
}

export function renderCards(container, assessment) {
  const best = recommended(assessment);
  container.replaceChildren(...assessment.strategies.map((s) => card(s, { best: s.strategy === best })));
}
