// "Why this number?": the breakdown behind any figure, in a side drawer (a modal <dialog>).

import { h, humanDuration, usd, phaseLabel, DISRUPTION_LABELS, BASIS_LABELS } from './format.js';

const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('explain'));
const title = document.getElementById('explain-title');
const subtitle = document.getElementById('explain-subtitle');
const body = document.getElementById('explain-body');

document.getElementById('explain-close').addEventListener('click', () => dialog.close());
// A click on the backdrop (outside the drawer's box) closes it.
dialog.addEventListener('click', (ev) => {
  if (ev.target !== dialog) return;
  const r = dialog.getBoundingClientRect();
  const inside = ev.clientX >= r.left && ev.clientX <= r.right && ev.clientY >= r.top && ev.clientY <= r.bottom;
  if (!inside) dialog.close();
});

function basisBadge(basis) {
  return h('span', { class: `basis basis-${basis}`, title: `basis: ${basis}` }, BASIS_LABELS[basis] ?? basis);
}

function termList(terms) {
  if (!terms.length) return h('p', { class: 'muted' }, 'No terms: nothing to add up.');
  return h('ol', { class: 'terms' }, terms.map((t) =>
    h('li', { class: 'term' },
      h('div', { class: 'term-head' },
        h('span', { class: 'term-name' }, phaseLabel(t.name),
          t.component ? h('span', { class: 'component-tag' }, t.component) : null),
        h('span', { class: 'term-value', title: `${t.seconds} s` }, humanDuration(t.seconds))),
      h('dl', {},
        h('dt', {}, 'formula'), h('dd', {}, h('code', {}, t.formula)),
        h('dt', {}, 'assumption'), h('dd', {}, t.assumption),
        h('dt', {}, 'basis'), h('dd', {}, basisBadge(t.basis)),
        h('dt', {}, 'source'), h('dd', { class: 'source' }, t.source)))));
}

function checkLine(check) {
  if (!check) return h('p', { class: 'verdict none' }, 'No target set for this figure.');
  return h('p', { class: `verdict ${check.pass ? 'pass' : 'fail'}` },
    h('strong', {}, check.pass ? 'Meets target: ' : 'Misses target: '), check.reason);
}

function notes(list) {
  if (!list?.length) return null;
  return [h('h3', {}, 'Notes'), h('ul', { class: 'notes' }, list.map((n) => h('li', {}, n)))];
}

/** Open the drawer with any content (the Migration tab shows its phase breakdowns here). */
export function show(heading, sub, ...content) {
  title.textContent = heading;
  subtitle.textContent = sub;
  body.replaceChildren(...content.flat().filter(Boolean));
  body.scrollTop = 0;
  if (!dialog.open) dialog.showModal();
}

/** Explain an RTO or RPO figure of one strategy for one disruption. */
export function explainFigure(strategy, disruption, metric) {
  const est = strategy.estimates.find((e) => e.disruption === disruption);
  const check = strategy.checks.find((c) => c.disruption === disruption && c.metric === metric);
  const heading = `${strategy.label} · ${DISRUPTION_LABELS[disruption]}`;
  const status = !est.applicable
    ? h('p', { class: 'muted' }, 'This disruption cannot happen to this topology.')
    : !est.covered
      ? h('p', { class: 'verdict fail' }, h('strong', {}, 'Not covered: '), 'nothing recovers the workload from this disruption, so the figure is unbounded.')
      : null;
  if (metric === 'rto') {
    const sum = est.rto_terms.reduce((a, t) => a + t.seconds, 0);
    return show(heading, `RTO ${est.rto}`,
      h('p', { class: 'mechanism' }, est.mechanism), status, checkLine(check),
      h('h3', {}, 'Critical path'),
      h('p', { class: 'muted' }, 'The terms that add up to the RTO, in order. Phases on parallel tracks that finish earlier are not on it.'),
      termList(est.rto_terms),
      est.rto_terms.length ? h('p', { class: 'total' }, h('span', {}, 'Total'), h('strong', { title: `${sum} s` }, est.rto)) : null,
      notes(est.notes),
      est.timeline.length ? [h('h3', {}, 'Timeline'), phaseTable(est.timeline)] : null);
  }
  // The core's rpo_terms are those of the component with the worst RPO.
  const worstName = est.rpo_terms.find((t) => t.component)?.component;
  const worst = est.rpo_by_component.find((c) => c.component === worstName) ?? null;
  return show(heading, `RPO ${est.rpo}`,
    h('p', { class: 'mechanism' }, est.mechanism), status, checkLine(check),
    h('h3', {}, worst ? `Set by ${worst.component}` : 'Terms'),
    worst ? h('p', { class: 'muted' }, `The workload loses as much as its worst component: ${worst.mechanism}.`) : null,
    termList(est.rpo_terms),
    est.rpo_by_component.length ? [
      h('h3', {}, 'Every stateful component'),
      h('ul', { class: 'by-component' }, est.rpo_by_component.map((c) =>
        h('li', {},
          h('details', {},
            h('summary', {},
              h('span', { class: 'term-name' }, c.component),
              h('span', { class: 'term-value' }, humanDuration(c.rpo_seconds))),
            h('p', { class: 'muted' }, c.mechanism),
            termList(c.terms))))),
    ] : null,
    notes(est.notes));
}

function phaseTable(timeline) {
  return h('table', { class: 'phases' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'phase'), h('th', { scope: 'col' }, 'track'),
      h('th', { scope: 'col' }, 'from'), h('th', { scope: 'col' }, 'to'))),
    h('tbody', {}, timeline.map((p) => h('tr', {},
      h('td', {}, phaseLabel(p.name)), h('td', {}, p.track),
      h('td', {}, humanDuration(p.start_seconds)), h('td', {}, humanDuration(p.end_seconds))))));
}

/** Explain a strategy's monthly standby cost. */
export function explainCost(strategy) {
  const c = strategy.monthly_cost;
  return show(`${strategy.label} · standby cost`, `${usd(c.total_usd)} per month`,
    h('p', { class: 'mechanism' }, `What the recovery site (${strategy.recovery_site}) adds to the monthly bill, at ${c.hours_per_month} hours per month.`),
    c.complete ? null : h('p', { class: 'verdict fail' }, h('strong', {}, 'Lower bound: '),
      `prices missing for ${c.unpriced.join('; ')}. Add them to the workload to complete the total.`),
    c.items.length ? h('ol', { class: 'terms' }, c.items.map((it) =>
      h('li', { class: 'term' },
        h('div', { class: 'term-head' },
          h('span', { class: 'term-name' }, it.item, it.component ? h('span', { class: 'component-tag' }, it.component) : null),
          h('span', { class: 'term-value', title: `${it.usd}` }, usd(it.usd))),
        h('dl', {},
          h('dt', {}, 'formula'), h('dd', {}, h('code', {}, it.formula)),
          h('dt', {}, 'basis'), h('dd', {}, basisBadge(it.basis)),
          h('dt', {}, 'source'), h('dd', { class: 'source' }, it.source))))) : h('p', { class: 'muted' }, 'Nothing runs or is stored outside the primary: no standby cost.'),
    h('p', { class: 'total' }, h('span', {}, 'Total'), h('strong', {}, usd(c.total_usd))));
}
