// The "Strategies" input form: built from field specs, bound to the two input documents (workload,
// policy) by JSON pointers — the same paths the core reports issues at, so an issue lands next to
// its field (the binding and the inline issues are fieldform.js's).

import { h, DISRUPTIONS, DISRUPTION_LABELS } from '../shared/format.js';
import { FieldForm } from '../shared/fieldform.js';
import { newComponent } from './defaults.js';

const ENGINES = [
  ['aurora_mysql', 'Aurora MySQL'],
  ['aurora_postgresql', 'Aurora PostgreSQL'],
  ['rds_mysql', 'RDS for MySQL'],
  ['rds_mariadb', 'RDS for MariaDB'],
  ['rds_postgresql', 'RDS for PostgreSQL'],
  ['rds_oracle', 'RDS for Oracle'],
  ['rds_sqlserver', 'RDS for SQL Server'],
  ['dynamodb', 'DynamoDB'],
  ['self_managed', 'Self-managed'],
];

const TOPOLOGIES = [
  ['region_to_region', 'AWS Region → another Region'],
  ['az_to_az', 'AZ → another AZ (same Region)'],
  ['on_premises_to_aws', 'On-premises → AWS'],
  ['on_premises_to_on_premises', 'On-premises → second data centre'],
];

export const KIND_LABELS = {
  relational_database: 'Relational database',
  key_value_database: 'Key-value database',
  compute: 'Compute',
  object_storage: 'Object storage',
  routing: 'Routing (Route 53)',
};

// Field types: text (string), unit (number or "15m"/"2 TiB"), number (JSON number), bool, select.
const DB_FIELDS = [
  { key: 'name', label: 'Name', type: 'text', required: true },
  { key: 'engine', label: 'Engine', type: 'select', options: ENGINES },
  { key: 'size_gib', label: 'Size', type: 'unit', help: 'GiB, or "2 TiB", "750 GB"', required: true },
  { key: 'change_gib_per_day', label: 'Change per day', type: 'unit', help: 'GiB per day' },
  { key: 'instance_hourly_usd', label: 'Instance price (USD/h)', type: 'number', help: 'one DB instance in the recovery site' },
  { key: 'failover_seconds', label: 'Multi-AZ failover', type: 'unit', placeholder: 'engine default', more: true },
  { key: 'replication_lag_seconds', label: 'Cross-Region replication lag', type: 'unit', placeholder: 'engine default', more: true },
  { key: 'promotion_seconds', label: 'Replica promotion', type: 'unit', placeholder: 'engine default', more: true },
  { key: 'pitr_lag_seconds', label: 'PITR log lag', type: 'unit', placeholder: 'engine default', more: true },
  { key: 'restore_throughput_bps', label: 'Restore throughput', type: 'unit', placeholder: '100 MB/s', help: 'bits/s, or "400 MB/s"', more: true },
];

// Mechanisms a component can carry (the core's `mechanisms`, checked against the kind and engine:
// one it cannot have is reported at its path). Checked ones are added to every strategy's preset.
const MECHANISMS_HELP = 'what you run: added to every strategy’s preset (a what-if)';
const mechanisms = (options) => ({ key: 'mechanisms', label: 'Mechanisms', type: 'set', options, help: MECHANISMS_HELP });
const RDB_MECHANISMS = [
  ['automated_backups', 'automated backups / PITR'],
  ['multi_az_instance', 'Multi-AZ instance'],
  ['multi_az_cluster', 'Multi-AZ DB cluster'],
  ['read_replica', 'read replica'],
  ['cross_region_read_replica', 'cross-Region read replica'],
  ['cross_region_automated_backups', 'cross-Region automated backups'],
  ['aurora_global_database', 'Aurora Global Database'],
  ['aurora_global_headless', 'Aurora Global Database, headless'],
  ['elastic_disaster_recovery', 'Elastic Disaster Recovery'],
];
const KV_MECHANISMS = [
  ['automated_backups', 'backups / PITR'],
  ['dynamodb_global_tables', 'global tables'],
  ['dynamodb_global_tables_strong', 'global tables, strong consistency'],
];

const COMPONENT_FIELDS = {
  relational_database: [...DB_FIELDS, mechanisms(RDB_MECHANISMS)],
  key_value_database: [...DB_FIELDS, mechanisms(KV_MECHANISMS)],
  compute: [
    { key: 'name', label: 'Name', type: 'text', required: true },
    { key: 'instance_count', label: 'Instances', type: 'number', help: 'at full production capacity', required: true },
    { key: 'instance_hourly_usd', label: 'Instance price (USD/h)', type: 'number', help: 'one instance in the recovery site' },
    { key: 'start_seconds', label: 'Launch to serving', type: 'unit', placeholder: '5m', more: true },
    mechanisms([
      ['standby_off', 'standby off'], ['standby_minimal', 'standby minimal'], ['standby_scaled', 'standby scaled'],
      ['standby_full', 'standby full'], ['elastic_disaster_recovery', 'Elastic Disaster Recovery'],
    ]),
  ],
  object_storage: [
    { key: 'name', label: 'Name', type: 'text', required: true },
    { key: 'size_gib', label: 'Size', type: 'unit', help: 'GiB, or "2 TiB"', required: true },
    { key: 'change_gib_per_day', label: 'Change per day', type: 'unit', help: 'GiB per day' },
    { key: 'replication_time_control', label: 'S3 Replication Time Control', type: 'bool', dflt: false },
    { key: 'point_in_time', label: 'Versioning / continuous backup', type: 'bool', dflt: true },
    { key: 'restore_throughput_bps', label: 'Restore throughput', type: 'unit', placeholder: '100 MB/s', more: true },
    mechanisms([['s3_replication', 'S3 replication'], ['s3_replication_rtc', 'S3 replication with RTC']]),
  ],
  routing: [
    { key: 'ttl_seconds', label: 'Failover record TTL', type: 'unit', placeholder: '60 s' },
    { key: 'health_check_interval_seconds', label: 'Health-check interval', type: 'unit', placeholder: '30 s', help: '30 s standard, 10 s fast' },
    { key: 'failure_threshold', label: 'Failure threshold', type: 'number', placeholder: '3', help: 'failed checks (1–10)' },
  ],
};

const WORKLOAD_FIELDS = [
  { key: 'name', label: 'Workload name', type: 'text', required: true },
  { key: 'topology', label: 'Topology', type: 'select', options: TOPOLOGIES, dflt: 'region_to_region' },
  { key: 'primary_location', label: 'Primary', type: 'text', placeholder: 'us-east-1', half: true },
  { key: 'recovery_location', label: 'Recovery site', type: 'text', placeholder: 'us-west-2', half: true },
  { key: 'multi_az', label: 'Primary runs Multi-AZ', type: 'bool', dflt: true },
];

const BACKUP_FIELDS = [
  { key: 'interval_seconds', label: 'Backup interval', type: 'unit', placeholder: '24h', help: 'AWS Backup minimum 1 h' },
  { key: 'point_in_time_recovery', label: 'Point-in-time recovery (PITR)', type: 'bool', dflt: true },
  { key: 'cross_region_copy', label: 'Copy to the recovery Region', type: 'bool', dflt: true },
  { key: 'cross_account_copy', label: 'Copy to another account / air-gapped vault', type: 'bool', dflt: false },
  { key: 'start_window_seconds', label: 'Start window', type: 'unit', placeholder: '8h', more: true },
  { key: 'job_duration_seconds', label: 'Job duration', type: 'unit', placeholder: '1h', more: true },
  { key: 'copy_duration_seconds', label: 'Copy duration', type: 'unit', placeholder: '1h', more: true },
  { key: 'retention_days', label: 'Retention (days)', type: 'number', placeholder: '35', more: true },
];

const OPERATIONS_FIELDS = [
  { key: 'notify_escalate_seconds', label: 'Notify & escalate', type: 'unit', placeholder: '15m', half: true },
  { key: 'declare_seconds', label: 'Declare disaster', type: 'unit', placeholder: '15m', half: true },
  { key: 'validate_seconds', label: 'Validate', type: 'unit', placeholder: '15m', half: true },
  { key: 'corruption_dwell_seconds', label: 'Corruption dwell', type: 'unit', placeholder: '0', half: true, help: 'undetected time' },
  { key: 'infrastructure_deploy_seconds', label: 'Deploy from IaC', type: 'unit', placeholder: '30m', more: true },
  { key: 'scale_out_seconds', label: 'Warm standby scale-out', type: 'unit', placeholder: '5m', more: true },
  { key: 'standby_scale', label: 'Warm standby share', type: 'number', placeholder: '0.25', help: '0 < share ≤ 1', more: true },
  { key: 'hours_per_month', label: 'Hours per month', type: 'number', placeholder: '730', more: true },
];

// Which steps of a failover run without people (the core's `operations.automation`); "as the
// strategy assumes" leaves the step to each strategy's preset.
const STEP_MODES = [['manual', 'manual (people)'], ['automated', 'automated']];
const AUTOMATION_FIELDS = ['escalation', 'declaration', 'validation'].map((key) => ({
  key, label: key[0].toUpperCase() + key.slice(1), type: 'select', options: STEP_MODES, optional: 'as the strategy assumes', half: true,
}));

export class InputForm extends FieldForm {
  afterEdit(bound) {
    if (bound.spec.key === 'name' && bound.path.startsWith('/components/')) this.#retitle(bound.path);
  }

  #retitle(path) {
    const idx = path.split('/')[2];
    const comp = this.getState().workload.components?.[idx];
    const title = this.root.querySelector(`[data-component-title="${idx}"]`);
    if (title && comp) title.textContent = comp.name || '(unnamed)';
  }

  /** Rebuild every field from the current documents. */
  render() {
    const { workload, policy } = this.getState();
    const active = document.activeElement?.id;
    this.specs.clear();
    this.root.replaceChildren(
      this.#targetsSection(policy),
      this.section('workload', '', 'Workload', WORKLOAD_FIELDS, workload),
      this.#componentsSection(workload),
      this.section('workload', '/backups', 'Backups', BACKUP_FIELDS, workload),
      this.section('workload', '/operations', 'Operations', OPERATIONS_FIELDS, workload,
        'People and process times of a recovery. Empty fields use drplan’s planning defaults.'),
      this.section('workload', '/operations/automation', 'Automation', AUTOMATION_FIELDS, workload,
        'Which failover steps wait for people. Set one to see every strategy with it manual or automated.'),
      this.#backupPlanNote(workload),
    );
    if (active) document.getElementById(active)?.focus();
  }

  /** The workload's own AWS Backup plan (sent from the Backup plan tab), with a way to drop it. */
  #backupPlanNote(workload) {
    if (workload.backup_plan === undefined || workload.backup_plan === null) return null;
    const text = typeof workload.backup_plan === 'string' ? workload.backup_plan : JSON.stringify(workload.backup_plan);
    return h('fieldset', { class: 'section', dataset: { input: 'workload', path: '/backup_plan' } },
      h('legend', {}, 'Your AWS Backup plan'),
      h('p', { class: 'intro', dataset: { testid: 'own-backup-plan' } },
        `Every strategy is assessed with your own plan (${text.length} characters) instead of one derived from the backup settings.`),
      h('button', {
        type: 'button', class: 'secondary',
        onclick: () => {
          delete workload.backup_plan;
          this.render();
          this.onEdit(true);
        },
      }, 'Use the derived plan instead'),
      h('p', { class: 'error', hidden: true }));
  }

  #targetsSection(policy) {
    const rows = DISRUPTIONS.map((d) => {
      const cells = ['rto', 'rpo'].map((m) => {
        const spec = { key: `${m}_seconds`, label: `${DISRUPTION_LABELS[d]} ${m.toUpperCase()} target`, type: 'unit', placeholder: 'none' };
        const field = this.field('policy', `/targets/${d}`, spec, policy);
        field.querySelector('label').classList.add('visually-hidden');
        return field;
      });
      return h('div', { class: 'target-row', dataset: { input: 'policy', path: `/targets/${d}` } },
        h('span', { class: 'target-name' }, DISRUPTION_LABELS[d]), ...cells,
        h('p', { class: 'error', hidden: true }));
    });
    const meta = h('details', { class: 'more' }, h('summary', {}, 'Policy name and tier'),
      h('div', { class: 'grid' },
        this.field('policy', '', { key: 'name', label: 'Policy name', type: 'text', half: true }, policy),
        this.field('policy', '', { key: 'tier', label: 'Tier', type: 'text', half: true, placeholder: 'e.g. critical' }, policy)));
    return h('fieldset', { class: 'section', dataset: { input: 'policy', path: '' } },
      h('legend', {}, 'Targets'),
      h('p', { class: 'intro' }, 'RTO = time to recover, RPO = data you may lose. Durations like “4h”, “15m”, “1h30m”; empty = not checked.'),
      h('div', { class: 'targets', role: 'group', 'aria-label': 'RTO and RPO targets per disruption' },
        h('div', { class: 'target-row target-head', 'aria-hidden': 'true' },
          h('span', {}, ''), h('span', {}, 'RTO'), h('span', {}, 'RPO')),
        rows),
      meta,
      h('p', { class: 'error', hidden: true }));
  }

  #componentsSection(workload) {
    const comps = Array.isArray(workload.components) ? workload.components : [];
    const cards = comps.map((comp, i) => {
      const base = `/components/${i}`;
      const kind = comp?.kind;
      const specs = COMPONENT_FIELDS[kind];
      const name = comp?.name ?? '';
      const remove = h('button', {
        type: 'button', class: 'link danger', 'aria-label': `Remove component ${name || i + 1}`,
        onclick: () => {
          workload.components.splice(i, 1);
          this.render();
          this.onEdit(true);
        },
      }, 'Remove');
      const head = h('div', { class: 'component-head' },
        h('span', { class: 'kind' }, KIND_LABELS[kind] ?? `kind “${kind}”`),
        kind === 'routing' ? null : h('strong', { dataset: { componentTitle: String(i) } }, name || '(unnamed)'),
        remove);
      const body = specs
        ? h('div', { class: 'grid' }, this.fields('workload', base, specs, workload))
        : h('p', { class: 'intro' }, 'Not editable in the form: use “Advanced: edit as JSON”.');
      return h('fieldset', { class: 'component', dataset: { input: 'workload', path: base } },
        h('legend', { class: 'visually-hidden' }, `${KIND_LABELS[kind] ?? 'Component'} ${name}`),
        head, body, h('p', { class: 'error', hidden: true }));
    });
    const add = h('div', { class: 'add-component' },
      h('label', { for: 'add-kind' }, 'Add a component'),
      h('div', { class: 'row' },
        h('select', { id: 'add-kind' },
          Object.entries(KIND_LABELS).map(([k, label]) => h('option', { value: k }, label))),
        h('button', {
          type: 'button', class: 'secondary',
          onclick: () => {
            const kind = /** @type {HTMLSelectElement} */ (document.getElementById('add-kind')).value;
            if (!Array.isArray(workload.components)) workload.components = [];
            workload.components.push(newComponent(kind, workload.components.map((c) => c?.name)));
            this.render();
            this.onEdit(true);
          },
        }, 'Add')));
    return h('fieldset', { class: 'section', dataset: { input: 'workload', path: '/components' } },
      h('legend', {}, 'Components'),
      cards, add, h('p', { class: 'error', hidden: true }));
  }
}
