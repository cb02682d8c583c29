// Below the cards, one panel per strategy: how the core assessed it. The mechanisms on each
// component, the binding component and the lever for every disruption's RTO and RPO, what
// automating escalation, declaration and validation buys, the itemized cost lines (quantity ×
// rate, price key) and the AWS Backup plan the strategy assumes — which opens in the Backup plan
// tab — and, per covered disruption, the strategy's recovery as a Markdown runbook to download (the
// core's `recovery_runbook`). Everything here is the core's output as given; nothing is recomputed.

import { h, usd, humanDuration, DISRUPTIONS, DISRUPTION_LABELS } from '../shared/format.js';
import { recommended } from './results.js';

/** Labels of the mechanisms the core knows (workload/mechanism.rs `Mechanism::label`). */
export const MECHANISM_LABELS = {
  automated_backups: 'automated backups / PITR',
  read_replica: 'in-Region read replica',
  multi_az_instance: 'Multi-AZ DB instance',
  multi_az_cluster: 'Multi-AZ DB cluster',
  cross_region_read_replica: 'cross-Region read replica',
  cross_region_automated_backups: 'cross-Region automated backups',
  aurora_global_database: 'Aurora Global Database',
  aurora_global_headless: 'Aurora Global Database, headless secondary',
  dynamodb_global_tables: 'DynamoDB global tables',
  dynamodb_global_tables_strong: 'DynamoDB global tables, strong consistency',
  s3_replication: 'S3 replication',
  s3_replication_rtc: 'S3 replication with RTC',
  elastic_disaster_recovery: 'Elastic Disaster Recovery',
  standby_off: 'standby compute off',
  standby_minimal: 'standby compute minimal',
  standby_scaled: 'standby compute scaled',
  standby_full: 'standby compute full',
};

/** A number as a short quantity: up to 3 decimals, no trailing zeros. */
export function quantity(x) {
  return typeof x === 'number' ? String(+x.toFixed(3)) : '—';
}

/** A unit rate: enough decimals for sub-cent prices ($0.0000125). */
export function rate(x) {
  if (typeof x !== 'number') return '—';
  return `$${x >= 0.01 ? +x.toFixed(4) : +x.toPrecision(3)}`;
}

function mechanismsTable(s) {
  if (!s.mechanisms?.length) return h('p', { class: 'muted' }, 'No component-level mechanisms.');
  return h('table', { class: 'detail-table', dataset: { testid: `mechanisms-${s.strategy}` } },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Component'), h('th', { scope: 'col' }, 'Mechanisms'))),
    h('tbody', {}, s.mechanisms.map((m) => h('tr', { dataset: { testid: `mechanisms-${s.strategy}-${m.component}` } },
      h('th', { scope: 'row' }, m.component),
      h('td', {}, m.mechanisms.length
        ? m.mechanisms.map((x) => h('span', {
          class: `mech${m.from_input.includes(x) ? ' mine' : ''}`,
          title: `${x}${m.from_input.includes(x) ? ' (from your workload)' : ' (the strategy’s preset)'}`,
        }, MECHANISM_LABELS[x] ?? x))
        : h('span', { class: 'muted' }, 'none'))))));
}

function bindingTable(s) {
  const rows = [];
  for (const d of DISRUPTIONS) {
    const est = s.estimates.find((e) => e.disruption === d);
    for (const metric of ['rto', 'rpo']) {
      const b = est?.binding?.[metric];
      if (!b) continue;
      const id = `binding-${s.strategy}-${d}-${metric}`;
      rows.push(h('tr', { dataset: { testid: id }, title: b.text },
        h('th', { scope: 'row' }, `${DISRUPTION_LABELS[d]} ${metric.toUpperCase()}`),
        h('td', { class: 'num' }, humanDuration(b.seconds)),
        // No component: the figure is set by people time (escalation, declaration, validation).
        h('td', {}, b.component ? [h('code', { dataset: { testid: `${id}-component` } }, b.component), ' '] : null,
          h('span', { class: 'muted' }, b.mechanism),
          b.next ? h('span', { class: 'next' }, `; next ${b.next}`) : null),
        h('td', { dataset: { testid: `${id}-lever` } }, b.lever)));
    }
  }
  if (!rows.length) return h('p', { class: 'muted' }, 'No figure to attribute (not covered or not applicable).');
  return h('table', { class: 'detail-table binding', dataset: { testid: `binding-${s.strategy}` } },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Figure'), h('th', { scope: 'col', title: 'the binding term: the part of the figure the component (or people time) sets' }, 'Binding term'),
      h('th', { scope: 'col' }, 'Set by'), h('th', { scope: 'col' }, 'Lever'))),
    h('tbody', {}, rows));
}

function automationBlock(s) {
  const modes = s.automation ?? {};
  const effects = DISRUPTIONS.map((d) => s.estimates.find((e) => e.disruption === d))
    .filter((e) => e?.automation);
  return h('div', { class: 'automation' },
    h('p', {}, 'In force: ', ['escalation', 'declaration', 'validation'].map((k, i) => [i ? ', ' : '',
      h('span', { class: `mode ${modes[k]}`, dataset: { testid: `automation-mode-${s.strategy}-${k}` } }, `${k} ${modes[k] ?? '?'}`)])),
    effects.length
      ? h('table', { class: 'detail-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Disruption'), h('th', { scope: 'col' }, 'RTO as assessed'),
          h('th', { scope: 'col' }, 'all by people'), h('th', { scope: 'col' }, 'all automated'))),
        h('tbody', {}, effects.map((e) => h('tr', {
          dataset: { testid: `automation-${s.strategy}-${e.disruption}` }, title: e.automation.summary,
        },
        h('th', { scope: 'row' }, DISRUPTION_LABELS[e.disruption]),
        h('td', { class: 'num' }, e.rto),
        h('td', { class: 'num', dataset: { testid: `automation-manual-${s.strategy}-${e.disruption}` } }, humanDuration(e.automation.rto_seconds_manual)),
        h('td', { class: 'num', dataset: { testid: `automation-automated-${s.strategy}-${e.disruption}` } }, humanDuration(e.automation.rto_seconds_automated))))))
      : h('p', { class: 'muted' }, 'No recovery here waits on people: automation changes nothing.'));
}

function costTable(s) {
  const c = s.monthly_cost;
  if (!c.items.length) return h('p', { class: 'muted' }, 'No standby resources.');
  return h('table', { class: 'detail-table cost-lines', dataset: { testid: `cost-lines-${s.strategy}` } },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Quantity × rate'),
      h('th', { scope: 'col' }, 'Price key'), h('th', { scope: 'col' }, 'USD/month'))),
    h('tbody', {}, c.items.map((it, i) => h('tr', { title: `${it.formula} — ${it.source}`, dataset: { testid: `cost-line-${s.strategy}-${i}` } },
      h('td', {}, it.item, it.component ? h('span', { class: 'component-tag' }, it.component) : null),
      h('td', { class: 'num' }, typeof it.quantity === 'number'
        ? `${quantity(it.quantity)} ${it.unit ?? ''} × ${rate(it.rate_usd)}${it.free_quantity ? ` (${quantity(it.free_quantity)} free)` : ''}`
        : '—'),
      h('td', {}, it.price_key
        ? h('code', {}, it.price_key)
        : h('span', { class: 'muted' }, typeof it.rate_usd === 'number' ? 'the workload’s price' : '—')),
      h('td', { class: 'num' }, usd(it.usd))))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 3 }, c.complete ? 'Total' : 'Total (lower bound: prices missing)'),
      h('td', { class: 'num' }, usd(c.total_usd)))));
}

function backupBlock(s, onOpenPlan) {
  const bp = s.backup_plan;
  if (!bp) return h('p', { class: 'muted' }, 'No AWS Backup plan: nothing in this strategy is backed up by AWS Backup.');
  const rules = bp.plan?.rules ?? [];
  return h('div', { class: 'backup-plan' },
    h('p', {},
      bp.derived ? 'Derived from the workload’s backup settings: ' : 'Your own plan: ',
      h('code', {}, bp.plan?.name ?? '(unnamed)'),
      `, ${rules.length} rule${rules.length === 1 ? '' : 's'}, ${bp.resources.length} resource${bp.resources.length === 1 ? '' : 's'} (${bp.resources.map((r) => r.id).join(', ')}); `,
      'billed at ', h('strong', { dataset: { testid: `backup-usd-${s.strategy}` } }, bp.monthly_usd == null ? 'unpriced' : usd(bp.monthly_usd)),
      ` per month (simulated month ${bp.cost_month}).`),
    onOpenPlan ? h('button', {
      type: 'button', class: 'secondary', dataset: { testid: `open-backup-${s.strategy}` },
      onclick: () => onOpenPlan(s),
    }, 'Open this backup plan in the Backup plan tab') : null);
}

function runbookBlock(s, onRunbook) {
  if (!onRunbook) return null;
  const covered = DISRUPTIONS.map((d) => s.estimates.find((e) => e.disruption === d))
    .filter((e) => e?.applicable && e?.covered);
  if (!covered.length) return h('p', { class: 'muted' }, 'No disruption is covered: no runbook to write.');
  return h('p', { class: 'runbooks' }, covered.map((e) => h('button', {
    type: 'button', class: 'secondary', dataset: { testid: `download-runbook-${s.strategy}-${e.disruption}` },
    title: 'the recovery timeline as steps: what each waits for, its duration and sources, who performs it, the checks that close it',
    onclick: () => onRunbook(s, e.disruption),
  }, `Download runbook (Markdown): ${DISRUPTION_LABELS[e.disruption]}`)));
}

function panel(s, { open, onOpenPlan, onRunbook }) {
  return h('details', { class: 'strategy-detail', open, dataset: { testid: `detail-${s.strategy}` } },
    h('summary', {}, h('strong', {}, s.label), ` — ${s.recovery_site}`),
    h('h4', {}, 'What sets each figure'), bindingTable(s),
    h('h4', {}, 'Mechanisms per component'), mechanismsTable(s),
    h('h4', {}, 'What automation buys'), automationBlock(s),
    h('h4', {}, 'Cost lines'), costTable(s),
    h('h4', {}, 'AWS Backup plan'), backupBlock(s, onOpenPlan),
    onRunbook ? [h('h4', {}, 'Runbook'), runbookBlock(s, onRunbook)] : null);
}

/** One panel per strategy; the recommended one opens. */
export function renderDetails(container, assessment, { onOpenPlan, onRunbook } = {}) {
  const best = recommended(assessment);
  const wasOpen = new Set([...container.querySelectorAll('details.strategy-detail[open]')].map((d) => d.dataset.testid));
  const first = !container.childElementCount;
  container.replaceChildren(...assessment.strategies.map((s) => panel(s, {
    open: first ? s.strategy === best : wasOpen.has(`detail-${s.strategy}`),
    onOpenPlan,
    onRunbook,
  })));
}
